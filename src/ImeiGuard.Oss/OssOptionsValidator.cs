using Microsoft.Extensions.Options;

namespace ImeiGuard.Oss;

/// <summary>Generated validation of <see cref="OssOptions"/> (data annotations, nested members, IValidatableObject).</summary>
[OptionsValidator]
internal sealed partial class OssOptionsValidator : IValidateOptions<OssOptions>;
