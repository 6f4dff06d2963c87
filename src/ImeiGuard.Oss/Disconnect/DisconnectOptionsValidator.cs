using Microsoft.Extensions.Options;

namespace ImeiGuard.Oss.Disconnect;

/// <summary>Generated validation of <see cref="DisconnectOptions"/> (data annotations and IValidatableObject).</summary>
[OptionsValidator]
internal sealed partial class DisconnectOptionsValidator : IValidateOptions<DisconnectOptions>;
