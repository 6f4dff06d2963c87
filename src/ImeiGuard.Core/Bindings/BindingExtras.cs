using ImeiGuard.Protocols.Identifiers;

namespace ImeiGuard.Core.Bindings;

/// <summary>
/// The part of a binding that most SIMs never have: device rules, a tenant policy override and the fields of a
/// violation episode. Kept out of <see cref="BindingSlot"/> behind one reference that is null for a SIM with none of
/// them (a first-IMEI lock that never saw a violation), which saves 40 bytes per such SIM. Immutable: a change
/// makes a new one (admin writes and transitions only), so a reader under the SIM's lock sees a consistent set.
/// </summary>
internal sealed class BindingExtras
{
    private BindingExtras(DeviceRules? rules, PolicyOverride? tenantPolicy, Imei violatingImei, long episode, long episodeAtMs)
    {
        Rules = rules;
        TenantPolicy = tenantPolicy;
        ViolatingImei = violatingImei;
        Episode = episode;
        EpisodeAtMs = episodeAtMs;
    }

    public DeviceRules? Rules { get; }

    public PolicyOverride? TenantPolicy { get; }

    public Imei ViolatingImei { get; }

    public long Episode { get; }

    public long EpisodeAtMs { get; }

    /// <summary>
    /// The extras for these values: null when all are empty, <paramref name="current"/> when it already holds them
    /// (so that a transition of a SIM with rules does not allocate a copy), else a new one.
    /// </summary>
    public static BindingExtras? For(BindingExtras? current, DeviceRules? rules, PolicyOverride? tenantPolicy, Imei violatingImei, long episode, long episodeAtMs)
    {
        if (rules is null && tenantPolicy is null && violatingImei.IsEmpty && episode == 0 && episodeAtMs == 0)
        {
            return null;
        }

        return current is not null && ReferenceEquals(current.Rules, rules) && ReferenceEquals(current.TenantPolicy, tenantPolicy)
            && current.ViolatingImei == violatingImei && current.Episode == episode && current.EpisodeAtMs == episodeAtMs
            ? current
            : new BindingExtras(rules, tenantPolicy, violatingImei, episode, episodeAtMs);
    }
}
