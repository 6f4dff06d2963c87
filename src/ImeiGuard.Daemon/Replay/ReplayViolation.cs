using ImeiGuard.Protocols.Identifiers;

namespace ImeiGuard.Daemon.Replay;

/// <summary>A violation found by a backtest: the SIM, the device it is bound to, the device seen instead, and where.</summary>
/// <param name="Imsi">The SIM.</param>
/// <param name="BoundImei">The device the SIM is locked to.</param>
/// <param name="Observed">The device in the record, in the form it was reported.</param>
/// <param name="AtUnixMs">Event-Timestamp of the record, else its capture time.</param>
/// <param name="Frame">The record's frame number in the capture (1-based).</param>
/// <param name="NasIp">NAS-IP-Address of the reporting gateway (packed IPv4), 0 when absent.</param>
internal readonly record struct ReplayViolation(Imsi Imsi, Imei BoundImei, Pei Observed, long AtUnixMs, long Frame, uint NasIp);
