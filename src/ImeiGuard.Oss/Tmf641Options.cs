using System.ComponentModel.DataAnnotations;

namespace ImeiGuard.Oss;

/// <summary>How a command maps onto a TMF641 serviceOrder (section "ImeiGuard:Oss:Tmf641"; docs/enforcement.md).</summary>
public sealed class Tmf641Options
{
    /// <summary>
    /// The id of the SIM's service in the OSS inventory, with placeholders <c>{imsi}</c>, <c>{msisdn}</c> and
    /// <c>{iccid}</c> (unknown values become empty). Default <c>{imsi}</c>.
    /// </summary>
    [Required]
    public string ServiceIdTemplate { get; set; } = "{imsi}";

    /// <summary>Service state requested by a block. Default <c>suspended</c>; v4.0 inventories without that state use <c>inactive</c>.</summary>
    [Required]
    public string BlockState { get; set; } = "suspended";

    /// <summary>Service state requested by a resume. Default <c>active</c>.</summary>
    [Required]
    public string ResumeState { get; set; } = "active";

    /// <summary>serviceOrder <c>category</c>. Default <c>SimLock</c>.</summary>
    public string? Category { get; set; } = "SimLock";

    /// <summary>Optional serviceSpecification id added to the service. Default: none.</summary>
    public string? ServiceSpecificationId { get; set; }
}
