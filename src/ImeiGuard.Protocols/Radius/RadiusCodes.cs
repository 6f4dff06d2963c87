namespace ImeiGuard.Protocols.Radius;

/// <summary>RADIUS packet codes used by ImeiGuard (RFC 2865 §3, RFC 2866 §4, RFC 5176 §2.3).</summary>
public static class RadiusCodes
{
    public const byte AccessRequest = 1;
    public const byte AccountingRequest = 4;
    public const byte AccountingResponse = 5;
    public const byte DisconnectRequest = 40;
    public const byte DisconnectAck = 41;
    public const byte DisconnectNak = 42;
    public const byte CoaRequest = 43;
    public const byte CoaAck = 44;
    public const byte CoaNak = 45;
}
