using System.Buffers.Binary;
using ImeiGuard.Protocols.Radius;

namespace ImeiGuard.LoadGen.Traffic;

/// <summary>
/// Builds the signed Accounting-Request number <c>n</c> of an endless, deterministic stream over a
/// <see cref="SubscriberPopulation"/>: round <c>n / subscribers</c> gives every subscriber one record, and the
/// rounds cycle Start, Interim-Update, Stop (a new Acct-Session-Id each cycle). Records look like a PGW/SMF's:
/// RFC 2865/2866 attributes plus the 3GPP VSAs of TS 29.061 §16.4.7 (IMSI, IMEISV, ULI, MCC-MNC, RAT, ...),
/// 300 to 450 octets, and a configurable share carries a Message-Authenticator.
/// </summary>
internal sealed class AccountingRequestFactory
{
    /// <summary>Room for any record this factory writes (the largest is about 450 octets).</summary>
    public const int MaxPacketLength = 512;

    // 3GPP sub-attribute types not named by ThreeGppVendorTypes (TS 29.061 §16.4.7.2).
    private const byte PdpType = 3;
    private const byte NegotiatedQosProfile = 5;
    private const byte SgsnAddress = 6;
    private const byte GgsnAddress = 7;
    private const byte GgsnMccMnc = 9;
    private const byte Nsapi = 10;
    private const byte SelectionMode = 12;
    private const byte ChargingCharacteristics = 13;

    // Standard attributes not named by RadiusAttributeTypes (RFC 2865 §5, RFC 2866 §5).
    private const byte ServiceType = 6;
    private const byte FramedProtocol = 7;
    private const byte AcctInputOctets = 42;
    private const byte AcctOutputOctets = 43;
    private const byte AcctSessionTime = 46;
    private const byte AcctInputPackets = 47;
    private const byte AcctOutputPackets = 48;
    private const byte AcctTerminateCause = 49;

    private static readonly byte[][] Apns = ["internet"u8.ToArray(), "ims"u8.ToArray(), "iot.example"u8.ToArray(), "internet.mnc001.mcc262.gprs"u8.ToArray()];
    private static readonly byte[] QosProfile = "08-5B080000FA000000FA00"u8.ToArray();

    private readonly byte[] _secret;
    private readonly int _messageAuthenticatorPercent;
    private readonly int _otherDevicePerMillion;

    /// <param name="subscribers">Population size, 1..<see cref="SubscriberPopulation.MaxCount"/>.</param>
    /// <param name="secret">The shared secret that signs every record.</param>
    /// <param name="messageAuthenticatorPercent">Share of records with a Message-Authenticator, 0..100.</param>
    /// <param name="otherDevicePerMillion">Records per million that show the SIM in another device (a violation for a locked SIM).</param>
    /// <param name="baseTime">Event-Timestamp of the first round, Unix seconds.</param>
    public AccountingRequestFactory(int subscribers, byte[] secret, int messageAuthenticatorPercent = 20, int otherDevicePerMillion = 0, uint baseTime = 1_724_568_000)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(subscribers, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(subscribers, SubscriberPopulation.MaxCount);
        ArgumentOutOfRangeException.ThrowIfNegative(messageAuthenticatorPercent);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(messageAuthenticatorPercent, 100);
        Subscribers = subscribers;
        _secret = secret;
        _messageAuthenticatorPercent = messageAuthenticatorPercent;
        _otherDevicePerMillion = otherDevicePerMillion;
        BaseTime = baseTime;
    }

    public int Subscribers { get; }

    public uint BaseTime { get; }

    /// <summary>The subscriber that record <paramref name="sequence"/> is about.</summary>
    public int SubscriberOf(long sequence) => (int)(sequence % Subscribers);

    /// <summary>Start, Interim-Update or Stop, by the record's round.</summary>
    public AcctStatusType StatusOf(long sequence) => ((sequence / Subscribers) % 3) switch
    {
        0 => AcctStatusType.Start,
        1 => AcctStatusType.InterimUpdate,
        _ => AcctStatusType.Stop,
    };

    /// <summary>True when record <paramref name="sequence"/> reports a device other than the subscriber's own.</summary>
    public bool ShowsOtherDevice(long sequence) =>
        _otherDevicePerMillion > 0 && (ulong)(sequence * 2_654_435_761L) % 1_000_000 < (ulong)_otherDevicePerMillion;

    /// <summary>Writes record <paramref name="sequence"/> (signed) into <paramref name="destination"/> and returns its length.</summary>
    public int Write(long sequence, Span<byte> destination)
    {
        var subscriber = SubscriberOf(sequence);
        var round = sequence / Subscribers;
        var status = StatusOf(sequence);
        var generation = round / 3;
        var nas = subscriber % 4;
        var nasIp = 0xC000_020Au + (uint)nas; // 192.0.2.10 + nas
        Span<byte> text = stackalloc byte[32];

        var w = new RadiusPacketWriter(destination, RadiusCodes.AccountingRequest, (byte)sequence);
        w.TryWriteUInt32(RadiusAttributeTypes.AcctStatusType, (uint)status);
        w.TryWriteUInt32(RadiusAttributeTypes.NasIpAddress, nasIp);
        "pgw-0"u8.CopyTo(text);
        text[5] = (byte)('1' + nas);
        w.TryWriteAttribute(RadiusAttributeTypes.NasIdentifier, text[..6]);
        w.TryWriteUInt32(RadiusAttributeTypes.EventTimestamp, BaseTime + (uint)(round * 60) + (uint)(subscriber % 60));
        var imsiLength = SubscriberPopulation.WriteImsi(subscriber, text);
        w.TryWriteAttribute(RadiusAttributeTypes.UserName, text[..imsiLength]);
        SubscriberPopulation.WriteHex((uint)(subscriber * 2_654_435_761L), 8, text);
        text[8] = (byte)'-';
        SubscriberPopulation.WriteHex((ulong)(generation & 0xFFFF), 4, text[9..]);
        w.TryWriteAttribute(RadiusAttributeTypes.AcctSessionId, text[..13]);
        w.TryWriteAttribute(RadiusAttributeTypes.CalledStationId, Apns[subscriber % Apns.Length]);
        w.TryWriteAttribute(RadiusAttributeTypes.CallingStationId, text[..SubscriberPopulation.WriteMsisdn(subscriber, text)]);
        w.TryWriteUInt32(RadiusAttributeTypes.FramedIpAddress, SubscriberPopulation.FramedIp(subscriber));
        if (subscriber % 2 == 0)
        {
            var prefix = ((UInt128)0x2001_0db8_0000_0000UL << 64) | ((UInt128)(uint)subscriber << 72);
            w.TryWriteIpv6Prefix(RadiusAttributeTypes.FramedIpv6Prefix, prefix, 64, prefixOctets: 8);
        }

        w.TryWriteUInt32(ServiceType, 2);      // Framed
        w.TryWriteUInt32(FramedProtocol, 7);   // GPRS-PDP-Context
        if (status != AcctStatusType.Start)
        {
            var seconds = (uint)(round % 3) * 600;
            w.TryWriteUInt32(AcctInputOctets, (uint)(subscriber * 1_103) + (seconds * 1_000));
            w.TryWriteUInt32(AcctOutputOctets, (uint)(subscriber * 7_919) + (seconds * 9_000));
            w.TryWriteUInt32(AcctInputPackets, (uint)subscriber + (seconds * 10));
            w.TryWriteUInt32(AcctOutputPackets, (uint)subscriber + (seconds * 60));
            w.TryWriteUInt32(AcctSessionTime, seconds);
            if (status == AcctStatusType.Stop)
            {
                w.TryWriteUInt32(AcctTerminateCause, 1); // User-Request
            }
        }

        WriteThreeGpp(ref w, sequence, subscriber, nasIp, text);
        if ((((subscriber * 31) + round) % 100) < _messageAuthenticatorPercent)
        {
            w.TryWriteMessageAuthenticator();
        }

        return w.TrySignRequest(_secret, out var length) ? length : throw new InvalidOperationException("record does not fit");
    }

    /// <summary>The 3GPP VSAs, each in its own Vendor-Specific attribute as PGWs and radclient send them.</summary>
    private void WriteThreeGpp(ref RadiusPacketWriter w, long sequence, int subscriber, uint nasIp, scoped Span<byte> text)
    {
        Span<byte> octets = stackalloc byte[16];
        var home = SubscriberPopulation.PlmnIndex(subscriber);
        var serving = SubscriberPopulation.ServingPlmnIndex(subscriber);

        w.TryWriteThreeGpp(ThreeGppVendorTypes.Imsi, text[..SubscriberPopulation.WriteImsi(subscriber, text)]);
        BinaryPrimitives.WriteUInt32BigEndian(octets, (uint)(subscriber * 40_503) ^ (uint)(sequence / Subscribers / 3));
        w.TryWriteThreeGpp(ThreeGppVendorTypes.ChargingId, octets[..4]);
        BinaryPrimitives.WriteUInt32BigEndian(octets, subscriber % 2 == 0 ? 3u : 0u); // IPv4v6 or IPv4
        w.TryWriteThreeGpp(PdpType, octets[..4]);
        BinaryPrimitives.WriteUInt32BigEndian(octets, nasIp);
        w.TryWriteThreeGpp(GgsnAddress, octets[..4]);
        BinaryPrimitives.WriteUInt32BigEndian(octets, 0xC633_6400u + (uint)(subscriber % 200)); // 198.51.100.x
        w.TryWriteThreeGpp(SgsnAddress, octets[..4]);
        w.TryWriteThreeGpp(ThreeGppVendorTypes.ImsiMccMnc, SubscriberPopulation.PlmnDigits(home));
        w.TryWriteThreeGpp(GgsnMccMnc, SubscriberPopulation.PlmnDigits(home));
        w.TryWriteThreeGpp(ThreeGppVendorTypes.SgsnMccMnc, SubscriberPopulation.PlmnDigits(serving));
        w.TryWriteThreeGpp(Nsapi, "5"u8);
        w.TryWriteThreeGpp(SelectionMode, "0"u8);
        w.TryWriteThreeGpp(ChargingCharacteristics, "0800"u8);
        w.TryWriteThreeGpp(NegotiatedQosProfile, QosProfile);
        var imeisvLength = SubscriberPopulation.WriteImeisv(subscriber, text);
        if (ShowsOtherDevice(sequence))
        {
            text[13] = (byte)(text[13] ^ 1); // last SNR digit: the same model, another handset
        }

        w.TryWriteThreeGpp(ThreeGppVendorTypes.Imeisv, text[..imeisvLength]);
        var uliLength = WriteUserLocation(subscriber, serving, octets, out var rat);
        w.TryWriteThreeGpp(ThreeGppVendorTypes.RatType, [rat]);
        w.TryWriteThreeGpp(ThreeGppVendorTypes.UserLocationInfo, octets[..uliLength]);
        w.TryWriteThreeGpp(ThreeGppVendorTypes.MsTimeZone, [0x80, 0x01]);
    }

    /// <summary>
    /// A 3GPP-User-Location-Info value (TS 29.061 §16.4.7.2, field layouts of TS 29.274 §8.21) in the serving
    /// PLMN: TAI+ECGI, 5GS TAI+NCGI, ECGI, RAI or CGI, with the matching 3GPP-RAT-Type.
    /// </summary>
    private static int WriteUserLocation(int subscriber, int servingPlmn, Span<byte> value, out byte rat)
    {
        var plmn = SubscriberPopulation.PlmnTbcd(servingPlmn);
        var cell = (uint)(subscriber * 2_246_822_519L);
        switch ((subscriber / 3) % 5)
        {
            case 0 or 1: // TAI + ECGI (LTE)
                value[0] = 130;
                plmn.CopyTo(value[1..]);
                BinaryPrimitives.WriteUInt16BigEndian(value[4..], (ushort)(cell >> 16));
                plmn.CopyTo(value[6..]);
                BinaryPrimitives.WriteUInt32BigEndian(value[9..], cell & 0x0FFF_FFFF);
                rat = 6; // EUTRAN
                return 13;
            case 2: // 5GS TAI + NCGI (NR)
                value[0] = 137;
                plmn.CopyTo(value[1..]);
                value[4] = (byte)(cell >> 24);
                value[5] = (byte)(cell >> 16);
                value[6] = (byte)(cell >> 8);
                plmn.CopyTo(value[7..]);
                BinaryPrimitives.WriteUInt32BigEndian(value[10..], cell);
                value[14] = 0x40;
                rat = 10; // NR
                return 15;
            case 3: // ECGI
                value[0] = 129;
                plmn.CopyTo(value[1..]);
                BinaryPrimitives.WriteUInt32BigEndian(value[4..], cell & 0x0FFF_FFFF);
                rat = 6;
                return 8;
            default: // RAI (UTRAN)
                value[0] = 2;
                plmn.CopyTo(value[1..]);
                BinaryPrimitives.WriteUInt16BigEndian(value[4..], (ushort)cell);
                value[6] = (byte)(cell >> 16);
                value[7] = 0xFF;
                rat = 1; // UTRAN
                return 8;
        }
    }
}
