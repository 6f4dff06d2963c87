using ImeiGuard.Protocols.Identifiers;

namespace ImeiGuard.Core.Bindings;

/// <summary>
/// One entry of a SIM's binding history, written in the same transaction as the transition it records.
/// Kinds: paired, violation, violation_alert, resumed, enable, reset, disable, rules_changed, cloned_imei.
/// </summary>
/// <param name="AtUnixMs">Observation time for traffic-driven events, wall-clock time for admin ones.</param>
/// <param name="Kind">What happened (see above).</param>
/// <param name="Imei">The device concerned: the paired, violating, returning or cloned device.</param>
/// <param name="OtherImei">The bound device for a violation, the former violating device for a resume.</param>
/// <param name="Episode">The violation episode after the event.</param>
/// <param name="Detail">For a violation its reason (imei_mismatch, imei_missing, region_mismatch, location_unknown); for cloned_imei the other SIM's IMSI.</param>
public sealed record BindingEvent(long AtUnixMs, string Kind, Imei Imei, Imei OtherImei, long Episode, string? Detail = null);

/// <summary>One IMSI↔IMEI pairing as traffic showed it: when the SIM was first and last seen in this device.</summary>
public sealed record DevicePairing(Imei Imei, long FirstSeenUnixMs, long LastSeenUnixMs);
