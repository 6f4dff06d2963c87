using System.Net;

namespace ImeiGuard.Oss.Disconnect;

/// <summary>A resolved <see cref="DaeTargetOptions"/>.</summary>
internal sealed record DaeTarget(string Name, IPNetwork Prefix, IPAddress? DaeAddress, int Port, byte[] Secret);
