namespace ImeiGuard.Core.Sessions;

/// <summary>
/// Identifies an accounting session without keeping its strings: the NAS identity and a 64-bit hash of
/// Acct-Session-Id. The protocol notes say not to key on source port or RADIUS Identifier (a mirror
/// changes both), so the NAS is named by NAS-IP-Address or NAS-Identifier.
/// </summary>
public readonly record struct SessionKey(ulong NasKey, ulong SessionHash)
{
    /// <summary>Names a NAS by its NAS-IP-Address, else its NAS-Identifier, else the trusted source's name.</summary>
    public static ulong NasKeyOf(uint nasIp, ReadOnlySpan<byte> nasIdentifier, string sourceName)
    {
        if (nasIp != 0)
        {
            return 0x1_0000_0000UL | nasIp;
        }

        var hash = nasIdentifier.IsEmpty ? Fnv1a(System.Text.Encoding.UTF8.GetBytes(sourceName)) : Fnv1a(nasIdentifier);
        return hash | 0x8000_0000_0000_0000UL;
    }

    public static SessionKey Of(ulong nasKey, ReadOnlySpan<byte> acctSessionId) => new(nasKey, Fnv1a(acctSessionId));

    // FNV-1a, 64 bit: tiny, allocation-free, and good enough to tell a NAS's concurrent sessions apart.
    private static ulong Fnv1a(ReadOnlySpan<byte> data)
    {
        var hash = 14695981039346656037UL;
        foreach (var b in data)
        {
            hash = (hash ^ b) * 1099511628211UL;
        }

        return hash;
    }
}
