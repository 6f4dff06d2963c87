using ImeiGuard.Protocols.Identifiers;

namespace ImeiGuard.Daemon.Camara;

/// <summary>
/// The CAMARA <c>Device</c> object as the consumer sent it, cut to the identifiers: echoed in subscriptions and
/// their events ("the same identifier type as provided in the request").
/// </summary>
internal sealed record DeviceBody(string? PhoneNumber, string? NetworkAccessIdentifier, DeviceIpv4Body? Ipv4Address, string? Ipv6Address);

/// <summary><c>DeviceIpv4Addr</c>: the public address with the private address or the public port (NAT).</summary>
internal sealed record DeviceIpv4Body(string? PublicAddress, string? PrivateAddress, int? PublicPort);

/// <summary>
/// A validated device: each identifier in the form the lookups use. Built from a request body
/// (<see cref="DeviceReader"/>) or from a 3-legged token's device claim (<see cref="TokenDevice"/>), which may
/// also name the SIM directly (<see cref="Imsi"/>).
/// </summary>
internal sealed class ParsedDevice
{
    /// <summary>The body to echo; null for a device named by the access token.</summary>
    public DeviceBody? Body { get; init; }

    public Msisdn PhoneNumber { get; init; }

    public string? NetworkAccessIdentifier { get; init; }

    /// <summary>The UE address to look up: the private address behind a NAT when given, else the public one.</summary>
    public uint? Ipv4 { get; init; }

    public UInt128? Ipv6 { get; init; }

    /// <summary>The SIM itself (token claim "imsi:…" only).</summary>
    public Imsi Imsi { get; init; }

    /// <summary>The identifier kinds present, in the order they are checked.</summary>
    public IEnumerable<string> Kinds()
    {
        if (!PhoneNumber.IsEmpty)
        {
            yield return DeviceIdentifierKinds.PhoneNumber;
        }

        if (NetworkAccessIdentifier is not null)
        {
            yield return DeviceIdentifierKinds.NetworkAccessIdentifier;
        }

        if (Ipv4 is not null)
        {
            yield return DeviceIdentifierKinds.Ipv4Address;
        }

        if (Ipv6 is not null)
        {
            yield return DeviceIdentifierKinds.Ipv6Address;
        }
    }
}
