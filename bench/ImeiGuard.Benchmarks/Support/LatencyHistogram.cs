using System.Diagnostics;

namespace ImeiGuard.Benchmarks.Support;

/// <summary>
/// Counts of Stopwatch-tick samples in 10 ns buckets up to 100 µs, and one overflow bucket with the maximum kept
/// exactly: enough resolution for in-process lookups of a few hundred ns, and fixed size, so that recording
/// allocates nothing and costs one increment.
/// </summary>
internal sealed class LatencyHistogram
{
    private const double BucketNs = 10;
    private const int Buckets = 10_000;
    private static readonly double NsPerTick = 1e9 / Stopwatch.Frequency;
    private readonly long[] _counts = new long[Buckets + 1];
    private long _maxTicks;

    public long Count { get; private set; }

    public double MaxNs => _maxTicks * NsPerTick;

    public void Add(long ticks)
    {
        var bucket = (int)Math.Min(Buckets, ticks * NsPerTick / BucketNs);
        _counts[bucket]++;
        Count++;
        if (ticks > _maxTicks)
        {
            _maxTicks = ticks;
        }
    }

    public void Merge(LatencyHistogram other)
    {
        for (var i = 0; i < _counts.Length; i++)
        {
            _counts[i] += other._counts[i];
        }

        Count += other.Count;
        _maxTicks = Math.Max(_maxTicks, other._maxTicks);
    }

    /// <summary>The upper edge of the bucket holding the <paramref name="quantile"/> sample; the maximum past 100 µs.</summary>
    public double PercentileNs(double quantile)
    {
        var wanted = (long)Math.Ceiling(quantile * Count);
        long seen = 0;
        for (var i = 0; i < Buckets; i++)
        {
            seen += _counts[i];
            if (seen >= wanted)
            {
                return (i + 1) * BucketNs;
            }
        }

        return MaxNs;
    }
}
