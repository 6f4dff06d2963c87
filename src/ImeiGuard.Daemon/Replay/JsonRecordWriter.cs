using System.Text.Encodings.Web;
using System.Text.Json;
using ImeiGuard.Protocols.Capture;
using ImeiGuard.Protocols.Radius;

namespace ImeiGuard.Daemon.Replay;

/// <summary>
/// <c>replay --json</c>: one JSON object per line for every RADIUS packet of the capture, with the field names
/// and value forms of the corpus expectation files (radius/*.expected.jsonl), so that the output can be
/// compared with them key by key. A field the packet does not carry is null, as in the corpus.
/// </summary>
/// <remarks>
/// Keys, in this order: index (0-based among the objects written), frame, src_ip, src_port, dst_ip, dst_port,
/// datagram_length, code, identifier, length, acct_status_type, acct_status_name, user_name,
/// calling_station_id, called_station_id, nas_identifier, nas_ip, framed_ip, framed_ipv6_prefix,
/// acct_session_id, event_timestamp, imsi, imsi_source, imeisv, imei, imeisv_hex, pei, imsi_mcc_mnc,
/// sgsn_mcc_mnc, rat_type, uli_type, uli_hex, location, ms_timezone, has_message_authenticator,
/// secret_name, valid, reason_code, scope. Decoded fields are written for invalid packets too, as far as
/// the parser filled them (nothing beyond the header for a framing error).
/// One <see cref="Utf8JsonWriter"/> is reused for every record, writing to a buffered stream.
/// </remarks>
internal sealed partial class JsonRecordWriter : IDatagramSink, IDisposable
{
    private readonly Stream _output;
    private readonly Utf8JsonWriter _json;
    private readonly RadiusClassifier _classifier;
    private readonly ReplayStatistics _statistics;
    private readonly bool _includeResponses;

    // Scratch for formatted values: hex of the longest attribute value (253 octets) fits.
    private readonly char[] _chars = new char[512];
    private readonly byte[] _bytes = new byte[64];
    private long _index;

    public JsonRecordWriter(Stream output, RadiusClassifier classifier, ReplayStatistics statistics, bool includeResponses)
    {
        _output = output;
        _classifier = classifier;
        _statistics = statistics;
        _includeResponses = includeResponses;

        // Why the relaxed encoder: the output is a terminal or a file, never HTML, and MSISDNs such as
        // "+4917…" should read as they were sent rather than as "\u002B4917…".
        _json = new Utf8JsonWriter(output, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
    }

    public void OnDatagram(scoped in CapturedDatagram datagram)
    {
        RadiusParseError error;
        AccountingRequest request;
        ReplaySecret? secret = null;
        switch (_classifier.Direction(datagram))
        {
            case RadiusDirection.Request:
                error = _classifier.ClassifyRequest(datagram, out request, out secret);
                _statistics.CountRequest(error, secret is not null);
                break;
            case RadiusDirection.Response:
                _statistics.CountResponse();
                if (!_includeResponses)
                {
                    return;
                }

                error = _classifier.ClassifyResponse(datagram, out request);
                break;
            default:
                _statistics.CountOther();
                return;
        }

        WriteRecord(datagram, request, error, secret);
    }

    /// <summary>Writes what is still buffered.</summary>
    public void Flush()
    {
        _json.Flush();
        _output.Flush();
    }

    public void Dispose() => _json.Dispose();

    private void WriteRecord(scoped in CapturedDatagram datagram, scoped in AccountingRequest r, RadiusParseError error, ReplaySecret? secret)
    {
        var json = _json;
        json.WriteStartObject();
        json.WriteNumber("index"u8, _index++);
        json.WriteNumber("frame"u8, datagram.FrameNumber);
        WriteAddress("src_ip"u8, datagram.Source);
        json.WriteNumber("src_port"u8, datagram.SourcePort);
        WriteAddress("dst_ip"u8, datagram.Destination);
        json.WriteNumber("dst_port"u8, datagram.DestinationPort);
        json.WriteNumber("datagram_length"u8, datagram.Payload.Length);

        // The parser sets the header fields only once the Length field proved consistent with the datagram.
        WriteNumber("code"u8, r.Code, present: !r.Packet.IsEmpty);
        WriteNumber("identifier"u8, r.Identifier, present: !r.Packet.IsEmpty);
        WriteNumber("length"u8, r.Length, present: !r.Packet.IsEmpty);
        WriteNumber("acct_status_type"u8, (long)r.StatusType, r.HasStatusType);
        WriteStatusName(r);
        WriteText("user_name"u8, r.UserName);
        WriteText("calling_station_id"u8, r.CallingStationId);
        WriteText("called_station_id"u8, r.CalledStationId);
        WriteText("nas_identifier"u8, r.NasIdentifier);
        WriteIpv4("nas_ip"u8, r.NasIpAddress, r.HasNasIpAddress);
        WriteIpv4("framed_ip"u8, r.FramedIpAddress, r.HasFramedIpAddress);
        WriteIpv6Prefix("framed_ipv6_prefix"u8, r.FramedIpv6Prefix);
        WriteText("acct_session_id"u8, r.AcctSessionId);
        WriteNumber("event_timestamp"u8, r.EventTimestamp, r.HasEventTimestamp);
        WriteImsi(r);
        WritePei(r);
        WritePlmnDigits("imsi_mcc_mnc"u8, r.ImsiMccMnc);
        WritePlmnDigits("sgsn_mcc_mnc"u8, r.SgsnMccMnc);
        WriteNumber("rat_type"u8, r.RatType, r.HasRatType);
        WriteNumber("uli_type"u8, r.UserLocationInfoRaw.IsEmpty ? 0 : r.UserLocationInfoRaw[0], !r.UserLocationInfoRaw.IsEmpty);
        WriteHex("uli_hex"u8, r.UserLocationInfoRaw);
        WriteLocation(r);
        WriteMsTimeZone(r);
        json.WriteBoolean("has_message_authenticator"u8, r.HasMessageAuthenticator);
        if (secret is null)
        {
            json.WriteNull("secret_name"u8);
        }
        else
        {
            json.WriteString("secret_name"u8, secret.Name);
        }

        json.WriteBoolean("valid"u8, error == RadiusParseError.None);
        if (error == RadiusParseError.None)
        {
            json.WriteNull("reason_code"u8);
            json.WriteNull("scope"u8);
        }
        else
        {
            json.WriteString("reason_code"u8, RadiusParseErrors.ReasonCode(error));

            // The corpus puts a missing Acct-Status-Type in attribute scope: the framing is sound and every
            // other attribute was read (the daemon still drops such a request, as nothing can be decided on it).
            json.WriteString("scope"u8, error >= RadiusParseError.MissingAcctStatusType ? "attribute"u8 : "datagram"u8);
        }

        json.WriteEndObject();
        json.Flush();
        _output.WriteByte((byte)'\n');
        json.Reset();
    }
}
