using ImeiGuard.Core.Bindings;
using ImeiGuard.Protocols.Radius;

namespace ImeiGuard.Daemon.Replay;

/// <summary>What a replay counted. Plain counters indexed by enum value: counting allocates nothing.</summary>
internal sealed class ReplayStatistics
{
    private readonly long[] _byReason = new long[RadiusParseErrors.All.Count];
    private readonly long[] _byVerdict = new long[VerdictKinds.All.Count];

    /// <summary>Datagrams to an accounting port.</summary>
    public long Requests { get; private set; }

    /// <summary>Datagrams from an accounting port to another port.</summary>
    public long Responses { get; private set; }

    /// <summary>UDP datagrams on other ports.</summary>
    public long OtherUdp { get; private set; }

    /// <summary>Requests whose authenticators were checked with a matching secret.</summary>
    public long Checked { get; private set; }

    /// <summary>Requests accepted without authenticator checks, because no secret matched them.</summary>
    public long Unverified { get; private set; }

    /// <summary>Start/Interim/Stop records that named no IMSI (nothing to decide).</summary>
    public long WithoutImsi { get; private set; }

    /// <summary>Decisions whose store write failed (only with <c>--apply</c>).</summary>
    public long DecisionErrors { get; private set; }

    /// <summary>Requests with the given classification (<see cref="RadiusParseError.None"/> = valid).</summary>
    public long ByReason(RadiusParseError error) => _byReason[(int)error];

    /// <summary>Decisions with the given verdict.</summary>
    public long ByVerdict(VerdictKind verdict) => _byVerdict[(int)verdict];

    /// <summary>Decisions of any verdict.</summary>
    public long Decisions
    {
        get
        {
            long total = 0;
            foreach (var count in _byVerdict)
            {
                total += count;
            }

            return total;
        }
    }

    public void CountOther() => OtherUdp++;

    public void CountResponse() => Responses++;

    /// <summary>Counts a request by its classification, and by whether a secret was there to check it.</summary>
    public void CountRequest(RadiusParseError error, bool hadSecret)
    {
        Requests++;
        _byReason[(int)error]++;
        if (hadSecret)
        {
            Checked++;
        }
        else if (!RadiusParseErrors.IsDatagramScope(error))
        {
            Unverified++;
        }
    }

    public void CountWithoutImsi() => WithoutImsi++;

    public void CountVerdict(VerdictKind verdict) => _byVerdict[(int)verdict]++;

    public void CountDecisionError() => DecisionErrors++;
}
