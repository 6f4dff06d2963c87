namespace ImeiGuard.Protocols.Chf;

/// <summary>
/// Limits for <c>ChfRecordReader</c>. A value of zero or less (as in <c>default</c>) means the default,
/// so <c>default(ChfReaderOptions)</c> behaves like <see cref="Default"/>.
/// </summary>
public readonly record struct ChfReaderOptions
{
    /// <summary>Default <see cref="MaxBodyBytes"/>: 64 KiB, about 20 times the largest request in the corpus.</summary>
    public const int DefaultMaxBodyBytes = 64 * 1024;

    /// <summary>Default <see cref="MaxDepth"/>. The deepest member read (the PLMN ID of a used-unit location) is at depth 10.</summary>
    public const int DefaultMaxDepth = 32;

    /// <summary>Upper bound for <see cref="MaxDepth"/>, so the limit can never be turned off.</summary>
    public const int MaxSupportedDepth = 256;

    public ChfReaderOptions()
    {
    }

    /// <summary>Longest body accepted, in bytes. Default <see cref="DefaultMaxBodyBytes"/>.</summary>
    public int MaxBodyBytes { get; init; } = DefaultMaxBodyBytes;

    /// <summary>
    /// Deepest nesting of objects and arrays accepted; the body object itself is depth 1.
    /// Default <see cref="DefaultMaxDepth"/>; values above <see cref="MaxSupportedDepth"/> are clamped.
    /// </summary>
    public int MaxDepth { get; init; } = DefaultMaxDepth;

    /// <summary>The defaults.</summary>
    public static ChfReaderOptions Default { get; } = new();

    internal int EffectiveMaxBodyBytes => MaxBodyBytes > 0 ? MaxBodyBytes : DefaultMaxBodyBytes;

    internal int EffectiveMaxDepth => MaxDepth <= 0 ? DefaultMaxDepth : Math.Min(MaxDepth, MaxSupportedDepth);
}
