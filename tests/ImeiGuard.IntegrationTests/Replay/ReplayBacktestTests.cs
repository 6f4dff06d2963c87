using System.Globalization;
using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using ImeiGuard.Core.Bindings;
using ImeiGuard.Protocols.Identifiers;
using ImeiGuard.Protocols.Radius;
using ImeiGuard.Storage;
using Microsoft.Data.Sqlite;

namespace ImeiGuard.IntegrationTests.Replay;

/// <summary><c>imeiguard replay FILE</c> without <c>--json</c>: the verdict pipeline over a store, dry run or applied.</summary>
public sealed class ReplayBacktestTests : IDisposable
{
    private const string Secret = "backtest-secret";
    private const string SimImsi = "262017745956507";
    private const string DeviceA = "8644610320772414";
    private const string DeviceB = "3534900661012848";
    private readonly DirectoryInfo _dataDirectory = Directory.CreateTempSubdirectory("imeiguard-backtest-");

    [Fact]
    public async Task RunAsync_LockedSimSeenInAnotherDevice_ReportsViolationAndLeavesStoreUnchanged()
    {
        // peer.pcap: 262017745956507 reports device 86446103207724 four times; the store binds it to another.
        Seed(Binding("262017745956507", LockState.Locked, "35349006610128"), Binding("460039297195853", LockState.Armed));
        var before = Snapshot();

        var run = await ReplayRun.InProcessAsync(ReplayRun.CorpusFile("peer.pcap"), "--data-dir", _dataDirectory.FullName, "--secrets-file", ReplayRun.CorpusFile("secrets.json"));

        Assert.True(run.ExitCode == 0, run.Error);
        Assert.Equal(1, Count(run.Output, "paired"));
        Assert.Equal(5, Count(run.Output, "match"));
        Assert.Equal(1, Count(run.Output, "violation"));
        Assert.Equal(3, Count(run.Output, "violation_repeated"));
        Assert.Equal(28, Count(run.Output, "not_enforced"));
        Assert.Contains("violations: 1", run.Output, StringComparison.Ordinal);
        Assert.Matches(@"262017745956507\s+353490066101284\s+864461032077249\s+8644610320772414\s+2024-08-25T06:46:30Z\s+9 192\.0\.2\.25", run.Output);
        Assert.Contains("dry run: nothing was written", run.Output, StringComparison.Ordinal);
        Assert.Contains("block commands: 1 (not written)", run.Output, StringComparison.Ordinal);
        Assert.Matches(@"throughput: 82 packets in [\d.]+ ms = [\d,]+ packets/s", run.Output);
        var after = Snapshot();
        Assert.Equal(before.Bindings, after.Bindings);
        Assert.Equal(0, after.Pending);
    }

    [Fact]
    public async Task RunAsync_ArmedSimChangesDevice_PairsThenReportsViolationWithoutWriting()
    {
        Seed(Binding(SimImsi, LockState.Armed));
        var capture = DeviceChangeCapture();

        var run = await ReplayRun.InProcessAsync(capture, "--data-dir", _dataDirectory.FullName, "--secret", "127.0.0.11=" + Secret);

        Assert.True(run.ExitCode == 0, run.Error);
        Assert.Equal(1, Count(run.Output, "paired"));
        Assert.Equal(1, Count(run.Output, "match"));
        Assert.Equal(1, Count(run.Output, "violation"));
        Assert.Equal(1, Count(run.Output, "violation_repeated"));
        Assert.Matches(@"262017745956507\s+864461032077249\s+353490066101284\s+3534900661012848\s+2024-08-25T06:48:30Z\s+3 ", run.Output);
        var (bindings, pending) = Snapshot();
        Assert.Equal(LockState.Armed, Assert.Single(bindings).State);
        Assert.Equal(0, pending);
    }

    [Fact]
    public async Task RunAsync_ArmedSimChangesDeviceWithApply_WritesViolationAndOneBlockCommand()
    {
        Seed(Binding(SimImsi, LockState.Armed));
        var capture = DeviceChangeCapture();

        var run = await ReplayRun.InProcessAsync(capture, "--data-dir", _dataDirectory.FullName, "--secret", "127.0.0.11=" + Secret, "--apply");

        Assert.True(run.ExitCode == 0, run.Error);
        Assert.Contains("--apply: transitions and block commands were written", run.Output, StringComparison.Ordinal);
        using var db = new SqliteDatabase(DatabasePath);
        var binding = Assert.Single(new SqliteBindingStore(db).LoadAll());
        Assert.Equal(LockState.Violated, binding.State);
        Assert.Equal("86446103207724", binding.BoundImei.ToString());
        Assert.Equal("35349006610128", binding.ViolatingImei.ToString());
        var block = Assert.Single(new SqliteOutboxStore(db).GetPending(10));
        Assert.Equal($"block:{SimImsi}:1", block.IdempotencyKey);
        Assert.Contains("\"source\":\"replay\"", block.Payload, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_UnverifiedCapture_DecidesAndCountsUnchecked()
    {
        Seed(Binding(SimImsi, LockState.Locked, "86446103207724"));

        var run = await ReplayRun.InProcessAsync(DeviceChangeCapture(), "--data-dir", _dataDirectory.FullName);

        Assert.True(run.ExitCode == 0, run.Error);
        Assert.Contains("0 requests checked with a matching secret, 4 accepted unchecked", run.Output, StringComparison.Ordinal);
        Assert.Equal(1, Count(run.Output, "violation"));
    }

    [Fact]
    public async Task RunAsync_NoStoreWithoutApply_ExitsWithOne()
    {
        var run = await ReplayRun.InProcessAsync(ReplayRun.CorpusFile("peer.pcap"), "--data-dir", Path.Combine(_dataDirectory.FullName, "absent"));

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("no store at", run.Error, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(_dataDirectory.FullName, "absent")));
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        _dataDirectory.Delete(recursive: true);
    }

    private string DatabasePath => Path.Combine(_dataDirectory.FullName, "imeiguard.db");

    private static BindingRecord Binding(string imsi, LockState state, string? bound = null)
    {
        Assert.True(Imsi.TryParse(imsi, out var parsed));
        var device = default(Imei);
        Assert.True(bound is null || Imei.TryParse(bound, out device));
        return new BindingRecord { Imsi = parsed, State = state, BoundImei = device, UpdatedAt = DateTimeOffset.UnixEpoch };
    }

    private void Seed(params BindingRecord[] records)
    {
        using var db = new SqliteDatabase(DatabasePath);
        var store = new SqliteBindingStore(db);
        foreach (var record in records)
        {
            store.SaveTransition(record, []);
        }
    }

    /// <summary>Every binding (ordered) and the number of pending commands.</summary>
    private (List<BindingRecord> Bindings, long Pending) Snapshot()
    {
        using var db = new SqliteDatabase(DatabasePath);
        var bindings = new SqliteBindingStore(db).LoadAll().OrderBy(static b => b.Imsi.Packed).ToList();
        return (bindings, new SqliteOutboxStore(db).CountPending());
    }

    /// <summary>One SIM: Start and Interim from device A, then Interim and Stop from device B, a minute apart.</summary>
    private string DeviceChangeCapture()
    {
        var client = IPAddress.Parse("127.0.0.11");
        var server = IPAddress.Parse("127.0.0.1");
        (AcctStatusType Status, string Device, string Session)[] records =
        [
            (AcctStatusType.Start, DeviceA, "S-1"),
            (AcctStatusType.InterimUpdate, DeviceA, "S-1"),
            (AcctStatusType.InterimUpdate, DeviceB, "S-2"),
            (AcctStatusType.Stop, DeviceB, "S-2"),
        ];
        var frames = records.Select((r, i) => new CaptureRecord(
            1724568390 + ((uint)i * 60),
            0,
            CaptureFile.EthernetUdp(client, 40000, server, 1813, Request((byte)i, r.Status, r.Device, r.Session, 1724568390 + ((uint)i * 60)))));
        var path = Path.Combine(_dataDirectory.FullName, "device-change.pcap");
        File.WriteAllBytes(path, CaptureFile.WritePcap(CaptureFile.LinkEthernet, frames));
        return path;
    }

    private static byte[] Request(byte identifier, AcctStatusType status, string device, string session, uint eventTimestamp)
    {
        var buffer = new byte[AccountingRequestParser.MaxPacketLength];
        var writer = new RadiusPacketWriter(buffer, RadiusCodes.AccountingRequest, identifier);
        writer.TryWriteUInt32(RadiusAttributeTypes.AcctStatusType, (uint)status);
        writer.TryWriteUInt32(RadiusAttributeTypes.NasIpAddress, 0xC0000219); // 192.0.2.25
        writer.TryWriteAttribute(RadiusAttributeTypes.NasIdentifier, "pgw-a-01"u8);
        writer.TryWriteUInt32(RadiusAttributeTypes.EventTimestamp, eventTimestamp);
        writer.TryWriteAttribute(RadiusAttributeTypes.AcctSessionId, Encoding.ASCII.GetBytes(session));
        writer.TryWriteAttribute(RadiusAttributeTypes.CallingStationId, "4917509238004"u8);
        writer.TryWriteThreeGpp(ThreeGppVendorTypes.Imsi, Encoding.ASCII.GetBytes(SimImsi));
        writer.TryWriteThreeGpp(ThreeGppVendorTypes.Imeisv, Encoding.ASCII.GetBytes(device));
        writer.TryWriteThreeGpp(ThreeGppVendorTypes.UserLocationInfo, Convert.FromHexString("8262f210a3b062f2100680626b"));
        Assert.True(writer.TrySignRequest(Encoding.UTF8.GetBytes(Secret), out var length));
        return buffer[..length];
    }

    /// <summary>The count in a summary line such as "  violation    1".</summary>
    private static int Count(string summary, string verdict)
    {
        var match = Regex.Match(summary, $@"^  {Regex.Escape(verdict)}\s+(\d+)\r?$", RegexOptions.Multiline);
        Assert.True(match.Success, $"no line for {verdict} in:\n{summary}");
        return int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
    }
}
