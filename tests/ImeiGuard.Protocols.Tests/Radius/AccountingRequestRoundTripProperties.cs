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
/// Message-Authenticator. And no single-octet change of a signed packet is accepted.
/// </summary>
public sealed class AccountingRequestRoundTripProperties
{
    private static readonly Gen<PacketFields> Fields = Gen.Select(
        Gen.Select(DigitString(Imsi.MinLength, Imsi.MaxLength), DigitString(16, 16), Gen.Int[100, 999], Gen.Int[0, 99], Gen.UShort, Gen.UInt[0, (1u << 28) - 1]),
        Gen.Select(Gen.UInt, Gen.UInt, Gen.UInt[1, uint.MaxValue], Gen.OneOf(AcctStatusType.Start, AcctStatusType.InterimUpdate, AcctStatusType.Stop), DigitString(1, 40)),
        Gen.Select(Gen.Bool, Gen.Bool, Gen.Byte.Array[1, 64], Gen.Byte),
        static (subscriber, session, framing) => new PacketFields(
            subscriber.Item1, subscriber.Item2, (ushort)subscriber.Item3, (ushort)subscriber.Item4, subscriber.Item5, subscriber.Item6,
            session.Item1, session.Item2, session.Item3, session.Item4, "S-" + session.Item5,
            framing.Item1, framing.Item2, framing.Item3, framing.Item4));

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
            Assert.Equal(fields.NasIp, request.NasIpAddress);
            Assert.Equal(fields.FramedIp, request.FramedIpAddress);
            Assert.Equal(fields.EventTimestamp, request.EventTimestamp);
            Assert.Equal(fields.SessionId, Encoding.ASCII.GetString(request.AcctSessionId));
            Assert.Equal(fields.WithMessageAuthenticator, request.HasMessageAuthenticator);
            Assert.Equal(new PlmnId(fields.Mcc, fields.Mnc, 2), request.Location.Plmn);
            Assert.Equal(fields.Tac, request.Location.Tac);
            Assert.Equal(fields.Eci, request.Location.CellId);
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
            var imeisv = Encoding.ASCII.GetBytes(Imeisv);
            var uli = TaiAndEcgi();
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

        /// <summary>ULI type 130 (protocols.md B.2): TAI (PLMN, TAC) then ECGI (PLMN, 4 spare bits + 28-bit ECI), 2-digit MNC.</summary>
        private byte[] TaiAndEcgi()
        {
            var uli = new byte[13];
            uli[0] = 130;
            WritePlmn(uli.AsSpan(1));
            BinaryPrimitives.WriteUInt16BigEndian(uli.AsSpan(4), Tac);
            WritePlmn(uli.AsSpan(6));
            BinaryPrimitives.WriteUInt32BigEndian(uli.AsSpan(9), Eci);
            return uli;
        }

        /// <summary>TS 24.008 §10.5.1.13: MCC2 MCC1 | MNC3(F) MCC3 | MNC2 MNC1, low nibble first.</summary>
        private void WritePlmn(Span<byte> target)
        {
            target[0] = (byte)(((Mcc / 10 % 10) << 4) | (Mcc / 100));
            target[1] = (byte)(0xF0 | (Mcc % 10));
            target[2] = (byte)(((Mnc % 10) << 4) | (Mnc / 10));
        }
    }
}
