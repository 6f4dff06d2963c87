namespace ImeiGuard.Protocols.Radius;

/// <summary>Acct-Status-Type values (RFC 2866 §5.1).</summary>
public enum AcctStatusType : uint
{
    None = 0,
    Start = 1,
    Stop = 2,
    InterimUpdate = 3,
    AccountingOn = 7,
    AccountingOff = 8,
}
