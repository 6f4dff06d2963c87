namespace ImeiGuard.Protocols.Radius;

/// <summary>
/// Per-source decoding choices for the points the protocol notes mark UNCONFIRMED.
/// Defaults match Wireshark 4.0 so that decoded values agree with tshark.
/// </summary>
public readonly record struct RadiusParserOptions
{
    public RadiusParserOptions()
    {
    }

    /// <summary>Where the 4 spare bits of the 5-octet NCGI cell field sit (ULI types 135, 137).</summary>
    public NcgiLayout NcgiLayout { get; init; } = NcgiLayout.SpareLast;

    /// <summary>Meaning of the SMeNB flag bit of the extended eNodeB ID (ULI types 133, 134).</summary>
    public ExtendedENodeBFlag ExtendedENodeBFlag { get; init; } = ExtendedENodeBFlag.SetMeansShort;

    /// <summary>The only code accepted on the accounting port.</summary>
    public byte ExpectedCode { get; init; } = 4;

    /// <summary>The defaults.</summary>
    public static RadiusParserOptions Default { get; } = new();
}

/// <summary>NCGI alignment: Wireshark reads the NCI from the first 36 bits (spare last); cgrates from the last 36.</summary>
public enum NcgiLayout : byte
{
    SpareLast = 0,
    SpareFirst = 1,
}

/// <summary>SMeNB flag polarity of the extended macro eNodeB ID (TS 29.274 §8.21.8 reading vs ergw_aaa).</summary>
public enum ExtendedENodeBFlag : byte
{
    /// <summary>Flag 1 = short (18-bit) macro eNB ID, flag 0 = long (21-bit).</summary>
    SetMeansShort = 0,

    /// <summary>Flag 1 = long (21-bit), flag 0 = short (18-bit).</summary>
    SetMeansLong = 1,
}
