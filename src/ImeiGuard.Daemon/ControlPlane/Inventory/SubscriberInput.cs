using ImeiGuard.Core.Subscribers;
using ImeiGuard.Protocols.Identifiers;

namespace ImeiGuard.Daemon.ControlPlane.Inventory;

/// <summary>
/// Validation of one SIM of the inventory, the same for <c>PUT /api/v2/subscriber/imsi/{imsi}</c> and for a
/// row of a CSV import: identifier formats, tenant and label syntax, and what the caller may change.
/// </summary>
internal static class SubscriberInput
{
    public const int MaxLabels = 32;
    public const int MaxLabelLength = 64;
    public const int MaxTenantLength = 64;

    /// <summary>One problem of one field: the column (CSV header name or JSON member) and a message.</summary>
    public readonly record struct Problem(string Column, string Message);

    /// <summary>
    /// Builds the subscriber to store. A tenant caller registers into its own tenant (an empty tenant means its
    /// own) and cannot take over a SIM registered to anyone else; such a SIM gets the unknown-SIM message.
    /// </summary>
    public static bool TryBuild(
        string imsiText, string? msisdnText, string? iccid, string? tenant, IReadOnlyList<string>? labels,
        Caller caller, ISubscriberInventory inventory, out RegisteredSubscriber subscriber, out Problem problem)
    {
        subscriber = null!;
        problem = default;
        if (!Imsi.TryParse(imsiText, out var imsi))
        {
            problem = new("imsi", $"'{imsiText}' is not a valid imsi (5-15 digits)");
            return false;
        }

        var msisdn = default(Msisdn);
        if (!string.IsNullOrEmpty(msisdnText) && !Msisdn.TryParse(msisdnText, out msisdn))
        {
            problem = new("msisdn", $"'{msisdnText}' is not a valid msisdn (5-15 digits, optional '+')");
            return false;
        }

        if (!string.IsNullOrEmpty(iccid) && !IdentifierRules.IsIccid(iccid))
        {
            problem = new("iccid", $"'{iccid}' is not a valid iccid (18-22 digits)");
            return false;
        }

        tenant = string.IsNullOrEmpty(tenant) ? caller.Tenant : tenant;
        if (tenant is not null && !IsName(tenant, MaxTenantLength))
        {
            problem = new("tenant", $"'{tenant}' is not a tenant name (1-{MaxTenantLength} of A-Z a-z 0-9 . _ -)");
            return false;
        }

        if (!caller.IsOperator && !string.Equals(tenant, caller.Tenant, StringComparison.Ordinal))
        {
            problem = new("tenant", "A tenant caller registers SIMs only in its own tenant");
            return false;
        }

        if (labels is { Count: > MaxLabels })
        {
            problem = new("labels", $"At most {MaxLabels} labels");
            return false;
        }

        foreach (var label in labels ?? [])
        {
            if (!IsName(label, MaxLabelLength, extra: ":=/"))
            {
                problem = new("labels", $"'{label}' is not a label (1-{MaxLabelLength} of A-Z a-z 0-9 . _ - : = /)");
                return false;
            }
        }

        if (!caller.IsOperator && inventory.Find(imsi) is { } existing && !string.Equals(existing.Tenant, caller.Tenant, StringComparison.Ordinal))
        {
            problem = new("imsi", VisibleSubscribers.NotFoundMessage);
            return false;
        }

        subscriber = new RegisteredSubscriber(imsi.Packed, msisdn.Packed, string.IsNullOrEmpty(iccid) ? null : iccid, tenant, labels is { Count: > 0 } ? labels : null);
        return true;
    }

    public static SubscriberView ToView(RegisteredSubscriber s) => new(
        Imsi.FromPacked(s.ImsiPacked).ToString(),
        s.MsisdnPacked == 0 ? null : Msisdn.FromPacked(s.MsisdnPacked).ToString(),
        s.Iccid,
        s.Tenant,
        s.Labels ?? []);

    private static bool IsName(string text, int maxLength, string extra = "")
    {
        if (text.Length is 0 || text.Length > maxLength)
        {
            return false;
        }

        foreach (var c in text)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c is not ('.' or '_' or '-') && extra.IndexOf(c, StringComparison.Ordinal) < 0)
            {
                return false;
            }
        }

        return true;
    }
}
