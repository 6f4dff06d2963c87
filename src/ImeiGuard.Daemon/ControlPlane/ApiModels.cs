using System.Text.Json;
using ImeiGuard.Core.Enforcement;

namespace ImeiGuard.Daemon.ControlPlane;

/// <summary>Body of POST .../device-sim-lock.</summary>
internal sealed record LockRequestBody(string? Action);

/// <summary>Content of the 202 answer: poll <c>GET /api/v2/requests/{requestId}</c>.</summary>
internal sealed record RequestAccepted(string RequestId, string Status);

/// <summary>An operation's status; <c>Counts</c> only for account-level operations.</summary>
internal sealed record OperationView(
    string RequestId,
    string Status,
    string Action,
    string SubscriberType,
    string SubscriberValue,
    string? Imsi,
    string? ErrorCode,
    string? ErrorMessage,
    DateTimeOffset CreatedAt,
    DateTimeOffset? CompletedAt,
    ImeiGuard.Core.Operations.AccountCounts? Counts = null);

/// <summary>A SIM's binding as the API shows it.</summary>
internal sealed record BindingView(
    string Imsi,
    string? Msisdn,
    string? Iccid,
    string LockState,
    string? BoundImei,
    string? ViolatingImei,
    long ViolationEpisodes,
    SightingView? FirstSeen,
    SightingView? LastSeen,
    DateTimeOffset? UpdatedAt,
    RulesView? Rules = null,
    PolicyView? Policy = null);

/// <summary>
/// Body of PUT .../device-sim-lock/rules; all lists empty and no policy removes the rules. <c>anyDevice</c> allows
/// every device (a region restriction without a device lock) and excludes the device lists.
/// </summary>
internal sealed record RulesBody(string[]? Devices, string[]? Tacs, string[]? ImeiPrefixes, PolicyBody? Policy, RegionsBody? Regions = null, bool? AnyDevice = null);

/// <summary>Region rules: allowed serving PLMNs ("262-01") and area codes (TAC, else LAC; "41904" or "41900-41999").</summary>
internal sealed record RegionsBody(string[]? Plmns, string[]? Areas, CircleBody[]? Circles = null);

/// <summary>A CAMARA CIRCLE area: centre (WGS84 degrees) and radius in metres (1..200000).</summary>
internal sealed record CircleBody(PointBody? Center, double Radius);

/// <summary>A WGS84 point in degrees.</summary>
internal sealed record PointBody(double Latitude, double Longitude);

/// <summary>A per-SIM policy override; a null field keeps the global default (ImeiGuard:Policy).</summary>
internal sealed record PolicyBody(string? OnMismatch, string? OnMissingImei, bool? AutoResume, int? MinEpisodeIntervalSeconds, string? OnUnknownLocation = null);

/// <summary>A SIM's explicit device rules (IMEIs as 15 digits with check digit) and its policy override.</summary>
internal sealed record RulesView(string[] Devices, string[] Tacs, string[] ImeiPrefixes, PolicyBody? Policy, RegionsBody? Regions, bool AnyDevice = false);

/// <summary>The policy in force for a SIM (global default merged with its override).</summary>
internal sealed record PolicyView(string OnMismatch, string OnMissingImei, bool AutoResume, long MinEpisodeIntervalSeconds, string OnUnknownLocation);

/// <summary>When, where and with which device a SIM was seen.</summary>
internal sealed record SightingView(DateTimeOffset At, string? Imei, string? Tac, string? NasIp, CommandLocation? Location);

/// <summary>An outbox entry with its command body; <c>Disconnect</c> is the Disconnect-Request result of a block (ack, nak, timeout, no_target, error), null when not tried.</summary>
internal sealed record CommandView(
    long Sequence,
    string CommandId,
    string Kind,
    string IdempotencyKey,
    string Status,
    int Attempts,
    DateTimeOffset CreatedAt,
    DateTimeOffset? DeliveredAt,
    DateTimeOffset? NextAttemptAt,
    int? LastHttpStatus,
    string? LastError,
    JsonElement Command,
    string? Disconnect = null);

/// <summary>Body of PUT /api/v2/subscriber/imsi/{imsi}: replaces what is registered (an absent field clears it; a tenant caller's SIMs stay its own).</summary>
internal sealed record SubscriberBody(string? Msisdn, string? Iccid, string? Tenant, string[]? Labels = null);

/// <summary>A registered subscriber.</summary>
internal sealed record SubscriberView(string Imsi, string? Msisdn, string? Iccid, string? Tenant, IReadOnlyList<string>? Labels = null);

/// <summary>One entry of a SIM's binding history (kinds in docs/binding-model.md).</summary>
internal sealed record HistoryEventView(DateTimeOffset At, string Kind, string? Imei, string? OtherImei, long Episode, string? Detail);

/// <summary>One device a SIM was seen in, with first and last sighting.</summary>
internal sealed record DevicePairingView(string Imei, string Tac, DateTimeOffset FirstSeen, DateTimeOffset LastSeen);
