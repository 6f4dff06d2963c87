using System.Buffers.Binary;
using System.Text;
using CsCheck;
using ImeiGuard.Protocols.Identifiers;
using ImeiGuard.Protocols.Radius;

namespace ImeiGuard.Protocols.Tests.Radius;

/// <summary>
/// Encoder/decoder round trip over generated Accounting-Requests (CsCheck, shrinking to the smallest failing packet):
/// what <see cref="RadiusPacketWriter"/> signs, the parser reads back field by field and the authenticators verify,
/// whether the 3GPP sub-attributes share one Vendor-Specific or each has its own, with or without a
/// Message-Authenticator, for ULI types 128/129/130 with 2- and 3-digit MNCs and the IMEISV as ASCII or binary TBCD.
/// And no single-octet change of a signed packet is accepted.
/// </summary>
public sealed class AccountingRequestRoundTripProperties
{
    private static readonly Gen<PacketFields> Fields = Gen.Select(
        Gen.Select(DigitString(Imsi.MinLength, Imsi.MaxLength), DigitString(16, 16), Gen.Int[100, 999], Gen.Int[0, 99], Gen.UShort, Gen.UInt[0, (1u << 28) - 1]),
        Gen.Select(Gen.UInt, Gen.UInt, Gen.UInt[1, uint.MaxValue], Gen.OneOf(AcctStatusType.Start, AcctStatusType.InterimUpdate, AcctStatusType.Stop), DigitString(1, 40)),
        Gen.Select(Gen.Bool, Gen.Bool, Gen.Byte.Array[1, 64], Gen.Byte, Gen.OneOf<byte>(128, 129, 130), Gen.Bool, Gen.Bool),
        static (subscriber, session, framing) => new PacketFields(
            subscriber.Item1, subscriber.Item2, (ushort)subscriber.Item3, (ushort)(framing.Item6 ? subscriber.Item4 * 10 % 1000 : subscriber.Item4), subscriber.Item5, subscriber.Item6,
            session.Item1, session.Item2, session.Item3, session.Item4, "S-" + session.Item5,
            framing.Item1, framing.Item2, framing.Item3, framing.Item4)
        {
            UliType = framing.Item5,
            MncDigits = (byte)(framing.Item6 ? 3 : 2),
            TbcdImeisv = framing.Item7,
        });

    [Fact]
    public void SignedRequest_ParsesBackToTheSameFields_AndVerifies()
    {
        Fields.Sample(static fields =>
        {
            var packet = fields.Encode();
            var error = AccountingRequestParser.Classify(packet, fields.Secret, RadiusParserOptions.Default, out var request);

            Assert.Equal(RadiusParseError.None, error);
            Assert.Equal(fields.Identifier, request.Identifier);
            Assert.Equal(fields.Status, request.StatusType);
            Assert.Equal(fields.Imsi, request.Imsi.ToString());
            Assert.Equal(ImsiSource.ThreeGppImsi, request.ImsiSource);
            Assert.Equal(fields.Imeisv[..14], request.Pei.Device.ToString());
            Assert.Equal(PeiKind.Imeisv16, request.Pei.Kind);
            Assert.Equal(fields.TbcdImeisv ? PeiWireForm.Tbcd : PeiWireForm.Ascii, request.Pei.WireForm);
            Assert.Equal(fields.NasIp, request.NasIpAddress);
            Assert.Equal(fields.FramedIp, request.FramedIpAddress);
            Assert.Equal(fields.EventTimestamp, request.EventTimestamp);
            Assert.Equal(fields.SessionId, Encoding.ASCII.GetString(request.AcctSessionId));
            Assert.Equal(fields.WithMessageAuthenticator, request.HasMessageAuthenticator);
            Assert.Equal(fields.UliType, (byte)request.Location.Type);
            Assert.Equal(new PlmnId(fields.Mcc, fields.Mnc, fields.MncDigits), request.Location.Plmn);
            Assert.Equal(fields.UliType != 129, request.Location.HasTac);
            Assert.Equal(fields.UliType == 129 ? 0u : fields.Tac, request.Location.Tac);
            Assert.Equal(fields.UliType == 128 ? 0ul : fields.Eci, request.Location.CellId);
        }, iter: 500);
    }

    [Fact]
    public void SignedRequest_AnySingleOctetChanged_IsNeverAccepted()
    {
        Gen.Select(Fields, Gen.Int[0, int.MaxValue], Gen.Byte[1, 255]).Sample(static (fields, position, flip) =>
        {
            var packet = fields.Encode();
            packet[position % packet.Length] ^= flip;
            var error = AccountingRequestParser.Classify(packet, fields.Secret, RadiusParserOptions.Default, out _);
            Assert.NotEqual(RadiusParseError.None, error);
        }, iter: 500);
    }

    private static Gen<string> DigitString(int min, int max) => Gen.Char["0123456789"].Array[min, max].Select(static c => new string(c));

    /// <summary>One generated request and how to lay it out.</summary>
    private sealed record PacketFields(
        string Imsi, string Imeisv, ushort Mcc, ushort Mnc, ushort Tac, uint Eci,
        uint NasIp, uint FramedIp, uint EventTimestamp, AcctStatusType Status, string SessionId,
        bool CombinedVsa, bool WithMessageAuthenticator, byte[] Secret, byte Identifier)
    {
        /// <summary>3GPP-User-Location-Info type: 128 TAI, 129 ECGI, 130 TAI+ECGI.</summary>
        public byte UliType { get; init; } = 130;

        public byte MncDigits { get; init; } = 2;

        /// <summary>IMEISV as 8 octets of binary TBCD (as copied from GTP) instead of 16 ASCII digits.</summary>
        public bool TbcdImeisv { get; init; }

        public byte[] Encode()
        {
            var buffer = new byte[AccountingRequestParser.MaxPacketLength];
            var writer = new RadiusPacketWriter(buffer, RadiusCodes.AccountingRequest, Identifier);
            var ok = writer.TryWriteUInt32(RadiusAttributeTypes.AcctStatusType, (uint)Status)
                && writer.TryWriteUInt32(RadiusAttributeTypes.NasIpAddress, NasIp)
                && writer.TryWriteUInt32(RadiusAttributeTypes.FramedIpAddress, FramedIp)
                && writer.TryWriteUInt32(RadiusAttributeTypes.EventTimestamp, EventTimestamp)
                && writer.TryWriteAttribute(RadiusAttributeTypes.AcctSessionId, Encoding.ASCII.GetBytes(SessionId))
                && (!WithMessageAuthenticator || writer.TryWriteMessageAuthenticator());
            var imsi = Encoding.ASCII.GetBytes(Imsi);
            var imeisv = TbcdImeisv ? ToTbcd(Imeisv) : Encoding.ASCII.GetBytes(Imeisv);
            var uli = Location();
            ok &= CombinedVsa
                ? writer.TryBeginVendorSpecific(ThreeGppVendorTypes.VendorId)
                    && writer.TryWriteSubAttribute(ThreeGppVendorTypes.Imsi, imsi)
                    && writer.TryWriteSubAttribute(ThreeGppVendorTypes.Imeisv, imeisv)
                    && writer.TryWriteSubAttribute(ThreeGppVendorTypes.UserLocationInfo, uli)
                    && writer.TryEndVendorSpecific()
                : writer.TryWriteThreeGpp(ThreeGppVendorTypes.Imsi, imsi)
                    && writer.TryWriteThreeGpp(ThreeGppVendorTypes.Imeisv, imeisv)
                    && writer.TryWriteThreeGpp(ThreeGppVendorTypes.UserLocationInfo, uli);
            var length = 0;
            Assert.True(ok && writer.TrySignRequest(Secret, out length));
            return buffer[..length];
        }

        /// <summary>
        /// ULI (protocols.md B.2): type, then TAI (PLMN, TAC) for 128 and 130, then ECGI (PLMN, 4 spare bits + 28-bit ECI)
        /// for 129 and 130.
        /// </summary>
        private byte[] Location()
        {
            var uli = new List<byte> { UliType };
            Span<byte> field = stackalloc byte[4];
            if (UliType != 129)
            {
                uli.AddRange(Plmn());
                BinaryPrimitives.WriteUInt16BigEndian(field, Tac);
                uli.AddRange(field[..2]);
            }

            if (UliType != 128)
            {
                uli.AddRange(Plmn());
                BinaryPrimitives.WriteUInt32BigEndian(field, Eci);
                uli.AddRange(field);
            }

            return [.. uli];
        }

        /// <summary>TS 29.274 §8.10: two digits per octet, the first in the low nibble.</summary>
        private static byte[] ToTbcd(string digits)
        {
            var octets = new byte[digits.Length / 2];
            for (var i = 0; i < octets.Length; i++)
            {
                octets[i] = (byte)((digits[(2 * i) + 1] - '0') << 4 | (digits[2 * i] - '0'));
            }

            return octets;
        }

        /// <summary>TS 24.008 §10.5.1.13: MCC2 MCC1 | MNC3 MCC3 | MNC2 MNC1, low nibble first; MNC3 = F for a 2-digit MNC.</summary>
        private byte[] Plmn() => MncDigits == 3
            ? [(byte)(((Mcc / 10 % 10) << 4) | (Mcc / 100)), (byte)(((Mnc % 10) << 4) | (Mcc % 10)), (byte)(((Mnc / 10 % 10) << 4) | (Mnc / 100))]
            : [(byte)(((Mcc / 10 % 10) << 4) | (Mcc / 100)), (byte)(0xF0 | (Mcc % 10)), (byte)(((Mnc % 10) << 4) | (Mnc / 10))];
    }
}
