using System.Text.Json;
using ImeiGuard.Core.Bindings;
using ImeiGuard.Core.Ingest;
using ImeiGuard.Core.Subscribers;
using ImeiGuard.Protocols.Identifiers;
using ImeiGuard.Protocols.Location;

namespace ImeiGuard.Core.Enforcement;

/// <summary>Builds block and resume commands. Runs only on transitions, so it may allocate.</summary>
public static class CommandFactory
{
    /// <summary>A block for a new violation episode.</summary>
    public static OutboxEntry Block(in LockStatus next, Imsi imsi, in Observation observation, SubscriberAliases aliases, DateTimeOffset now, ViolationCause cause = ViolationCause.Device)
    {
        var key = $"block:{imsi}:{next.Episode}";
        var command = new EnforcementCommand
        {
            CommandId = Guid.CreateVersion7(now).ToString(),
            Kind = "block",
            IdempotencyKey = key,
            Reason = ReasonName(cause),
            CreatedAt = now,
            Subscriber = new CommandSubscriber(imsi.ToString(), aliases.Msisdn, aliases.Iccid),
            Device = new CommandDevice(FormatImei(next.BoundImei), FormatImei(next.ViolatingImei), FormatTac(next.ViolatingImei)),
            Location = ToCommandLocation(observation.Location),
            Evidence = new CommandEvidence(
                observation.Source switch { ObservationSource.ChfRecord => "chf", ObservationSource.Replay => "replay", _ => "radius" },
                observation.SourceName,
                observation.NasIp == 0 ? null : FormatIpv4(observation.NasIp),
                Utf8OrNull(observation.NasIdentifier),
                Utf8OrNull(observation.SessionId),
                DateTimeOffset.FromUnixTimeMilliseconds(observation.AtUnixMs),
                Utf8OrNull(observation.UserName),
                observation.FramedIp == 0 ? null : FormatIpv4(observation.FramedIp)),
        };
        return ToEntry(command, imsi);
    }

    /// <summary>A resume that follows the block of <paramref name="previous"/>'s episode.</summary>
    public static OutboxEntry Resume(in LockStatus previous, Imsi imsi, LockAction cause, SubscriberAliases aliases, DateTimeOffset now) =>
        Resume(previous, imsi, cause == LockAction.Disable ? "admin_disable" : "admin_reset", aliases, now);

    /// <summary>A resume with an explicit reason (admin_reset, admin_disable, auto_resume).</summary>
    public static OutboxEntry Resume(in LockStatus previous, Imsi imsi, string reason, SubscriberAliases aliases, DateTimeOffset now)
    {
        var command = new EnforcementCommand
        {
            CommandId = Guid.CreateVersion7(now).ToString(),
            Kind = "resume",
            IdempotencyKey = $"resume:{imsi}:{previous.Episode}",
            Reason = reason,
            CreatedAt = now,
            Subscriber = new CommandSubscriber(imsi.ToString(), aliases.Msisdn, aliases.Iccid),
            Device = new CommandDevice(FormatImei(previous.BoundImei), FormatImei(previous.ViolatingImei), FormatTac(previous.ViolatingImei)),
        };
        return ToEntry(command, imsi);
    }

    private static OutboxEntry ToEntry(EnforcementCommand command, Imsi imsi) => new()
    {
        CommandId = command.CommandId,
        Kind = command.Kind,
        ImsiPacked = imsi.Packed,
        IdempotencyKey = command.IdempotencyKey,
        Payload = JsonSerializer.Serialize(command, CoreJsonContext.Default.EnforcementCommand),
        CreatedAt = command.CreatedAt,
        Status = OutboxStatus.Pending,
    };

    /// <summary>Maps a decoded location to the command's flat form.</summary>
    public static CommandLocation? ToCommandLocation(in UserLocation location)
    {
        if (!location.IsPresent)
        {
            return null;
        }

        var cellPlmn = location.CellPlmn.IsEmpty ? location.Plmn : location.CellPlmn;
        return new CommandLocation(
            (location.Plmn.IsEmpty ? cellPlmn : location.Plmn).ToString(),
            location.HasLac ? location.Lac : null,
            location.HasTac ? location.Tac : null,
            location.CellKind == CellIdKind.None ? null : location.CellId,
            location.CellKind == CellIdKind.None ? null : CellKindName(location.CellKind),
            (int)location.Type);
    }

    /// <summary>The block command's (and history event's) reason for an episode's cause.</summary>
    public static string ReasonName(ViolationCause cause) => cause switch
    {
        ViolationCause.MissingImei => "imei_missing",
        ViolationCause.Region => "region_mismatch",
        ViolationCause.UnknownLocation => "location_unknown",
        _ => "imei_mismatch",
    };

    public static string? FormatImei(Imei imei) => imei.IsEmpty ? null : imei.ToImeiString();

    private static string? FormatTac(Imei imei) => imei.IsEmpty ? null : imei.Tac.ToString("D8", System.Globalization.CultureInfo.InvariantCulture);

    public static string FormatIpv4(uint ip) => $"{ip >> 24}.{(ip >> 16) & 0xFF}.{(ip >> 8) & 0xFF}.{ip & 0xFF}";

    private static string? Utf8OrNull(ReadOnlySpan<byte> text) => text.IsEmpty ? null : System.Text.Encoding.UTF8.GetString(text);

    private static string CellKindName(CellIdKind kind) => kind switch
    {
        CellIdKind.Ci => "ci",
        CellIdKind.Sac => "sac",
        CellIdKind.Eci => "eci",
        CellIdKind.Nci => "nci",
        CellIdKind.MacroENodeBId => "macro_enb_id",
        CellIdKind.ExtendedENodeBId => "extended_enb_id",
        _ => "none",
    };
}
