namespace ImeiGuard.Protocols.Radius;

/// <summary>
/// The identifiers that name a session in a Disconnect-Request (RFC 5176 §3: NAS identification plus
/// session identification attributes). Empty spans and zero addresses are left out of the packet.
/// </summary>
public ref struct DisconnectSession
{
    /// <summary>NAS-IP-Address (4), packed a.b.c.d = a&lt;&lt;24 | …; 0 = absent.</summary>
    public uint NasIp;

    /// <summary>User-Name (1).</summary>
    public ReadOnlySpan<byte> UserName;

    /// <summary>Acct-Session-Id (44).</summary>
    public ReadOnlySpan<byte> AcctSessionId;

    /// <summary>Framed-IP-Address (8), packed like <see cref="NasIp"/>; 0 = absent.</summary>
    public uint FramedIp;

    /// <summary>True when at least one session identification attribute is present (NAS-IP alone names no session).</summary>
    public readonly bool HasSessionIdentifier => !UserName.IsEmpty || !AcctSessionId.IsEmpty || FramedIp != 0;
}
