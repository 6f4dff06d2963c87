using ImeiGuard.Core.Bindings;
using ImeiGuard.Core.Subscribers;
using ImeiGuard.Protocols.Identifiers;

namespace ImeiGuard.Daemon.ControlPlane;

/// <summary>Parsing and validation of the API's path and body words.</summary>
internal static class IdentifierRules
{
    public static bool TryParseType(string text, out IdentifierType type)
    {
        type = text.ToLowerInvariant() switch
        {
            "imsi" => IdentifierType.Imsi,
            "iccid" => IdentifierType.Iccid,
            "msisdn" => IdentifierType.Msisdn,
            "imei" => IdentifierType.Imei,
            _ => 0,
        };
        return type != 0;
    }

    public static string Name(IdentifierType type) => type switch
    {
        IdentifierType.Imsi => "imsi",
        IdentifierType.Iccid => "iccid",
        IdentifierType.Msisdn => "msisdn",
        IdentifierType.Tenant => "tenant",
        _ => "imei",
    };

    /// <summary>IMSI 5–15 digits; MSISDN 5–15 digits with an optional '+'; IMEI 14–16 digits; ICCID 18–22 digits (E.118).</summary>
    public static bool IsValidValue(IdentifierType type, string value) => type switch
    {
        IdentifierType.Imsi => Imsi.TryParse(value, out _),
        IdentifierType.Msisdn => Msisdn.TryParse(value, out _),
        IdentifierType.Imei => Imei.TryParse(value, out _),
        _ => IsIccid(value),
    };

    public static bool IsIccid(string value) => value.Length is >= 18 and <= 22 && value.All(char.IsAsciiDigit);

    public static bool TryParseAction(string? text, out LockAction action)
    {
        action = text?.ToUpperInvariant() switch
        {
            "ENABLE" => LockAction.Enable,
            "DISABLE" => LockAction.Disable,
            "RESET" => LockAction.Reset,
            _ => 0,
        };
        return action != 0;
    }

    /// <summary>The 400 SIMLOCK_1003 answer for an unknown action; null when <paramref name="text"/> is one.</summary>
    public static IResult? InvalidAction(string? text, out LockAction action) => TryParseAction(text, out action)
        ? null
        : Envelope.Error(400, ImeiGuard.Core.Operations.LockApiErrors.UnknownAction, "Unknown action: use ENABLE, DISABLE or RESET");

    public static string Name(LockAction action) => action switch
    {
        LockAction.Enable => "ENABLE",
        LockAction.Disable => "DISABLE",
        _ => "RESET",
    };

    public static string Name(LockState state) => state switch
    {
        LockState.Armed => "ARMED",
        LockState.Locked => "LOCKED",
        LockState.Violated => "VIOLATED",
        _ => "DISABLED",
    };
}
