using System.ComponentModel.DataAnnotations;
using System.Net;

namespace ImeiGuard.Oss.Disconnect;

/// <summary>
/// Immediate action on a violation (section "ImeiGuard:Disconnect"): a RADIUS Disconnect-Request (RFC 5176)
/// to the NAS that reported the offending session, so it ends in seconds rather than when the OSS acts.
/// </summary>
public sealed class DisconnectOptions : IValidatableObject
{
    /// <summary>Send Disconnect-Requests for block commands. Default false.</summary>
    public bool Enabled { get; set; }

    /// <summary>The NASes (Dynamic Authorization Servers) that may be asked; a block whose NAS matches none is recorded as no_target. Default: none.</summary>
    public List<DaeTargetOptions> Nas { get; set; } = [];

    /// <summary>Wait for an ACK/NAK per transmission. Default 2 s.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:01:00")]
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Retransmissions of the same packet after a timeout. Default 2.</summary>
    [Range(0, 10)]
    public int Retransmits { get; set; } = 2;

    /// <summary>Blocks older than this are not acted on (their session is likely gone, or the action stale after downtime). Default 5 min.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan MaxAge { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How often new blocks are looked for. Default 250 ms.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:01:00")]
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromMilliseconds(250);

    /// <summary>Requests in flight at once. Default 8.</summary>
    [Range(1, 256)]
    public int MaxConcurrency { get; set; } = 8;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        for (var i = 0; i < Nas.Count; i++)
        {
            var nas = Nas[i];
            var where = $"ImeiGuard:Disconnect:Nas:{i}";
            if (string.IsNullOrWhiteSpace(nas.Address) || !IPNetwork.TryParse(DaeTargets.AsPrefix(nas.Address), out _))
            {
                yield return new ValidationResult($"{where}:Address must be an IP address or CIDR prefix", [nameof(Nas)]);
            }

            if (!string.IsNullOrEmpty(nas.DaeAddress) && !IPAddress.TryParse(nas.DaeAddress, out _))
            {
                yield return new ValidationResult($"{where}:DaeAddress must be an IP address", [nameof(Nas)]);
            }

            if (nas.Port is < 1 or > 65535)
            {
                yield return new ValidationResult($"{where}:Port must be 1..65535", [nameof(Nas)]);
            }

            if (string.IsNullOrEmpty(nas.Secret) == string.IsNullOrEmpty(nas.SecretFile))
            {
                yield return new ValidationResult($"{where}: set exactly one of Secret and SecretFile", [nameof(Nas)]);
            }
            else if (!string.IsNullOrEmpty(nas.SecretFile) && !File.Exists(nas.SecretFile))
            {
                yield return new ValidationResult($"{where}:SecretFile '{nas.SecretFile}' does not exist", [nameof(Nas)]);
            }
        }
    }
}
