using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using ImeiGuard.IntegrationTests.Infrastructure;

namespace ImeiGuard.IntegrationTests;

/// <summary>
/// The cell database imported over the control plane: a bad upload changes nothing, a good one decides CIRCLE
/// areas on the next packet (radclient traffic from a cell inside, then outside, the circle) and survives a restart.
/// </summary>
public sealed class CellImportTests : IAsyncDisposable
{
    private const string Imsi = "262017745956509";
    private const string Device = "8644610320772414";
    private const string BerlinUli = "0x8262f210a3b062f2100680626b";  // TAI 262-01/41904 + ECGI 262-01/0x0680626B (109076075)
    private const string MunichUli = "0x8262f210a3b062f210019a2402";  // the same TAI, ECGI 262-01/0x019A2402 (26881026)

    private const string Cells = """
        radio,mcc,net,area,cell,unit,lon,lat,range,samples,changeable,created,updated,averageSignal
        LTE,262,1,41904,109076075,0,13.4132,52.5219,1000,12,1,1459692044,1459692044,0
        LTE,262,1,41904,26881026,0,11.5755,48.1374,1000,12,1,1459692044,1459692044,0
        """;

    private readonly string _dataDirectory = Directory.CreateTempSubdirectory("imeiguard-cells-").FullName;

    [Fact]
    public async Task ImportedCells_DecideCircleAreas_AndSurviveRestart()
    {
        await using (var daemon = await DaemonProcess.StartAsync(_dataDirectory))
        {
            using var http = daemon.CreateClient();
            Assert.Equal("none", (await DescribeAsync(http)).GetProperty("source").GetString());

            using var bad = await ImportAsync(http, "this is not,a cell database\n");
            Assert.Equal(400, (int)bad.StatusCode);
            Assert.Equal("SIMLOCK_1013", (await bad.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errorCode").GetString());
            Assert.Equal(0, (await DescribeAsync(http)).GetProperty("cells").GetInt32());

            using var good = await ImportAsync(http, Cells);
            Assert.Equal(200, (int)good.StatusCode);
            var imported = (await good.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("content")[0];
            Assert.Equal(2, imported.GetProperty("cells").GetInt32());
            Assert.Equal(1, imported.GetProperty("skipped").GetInt32()); // the header line

            // A circle of 20 km around Berlin: the Berlin cell pairs, the Munich cell (500 km away) violates.
            using var rules = await http.PutAsJsonAsync(
                $"/api/v2/subscriber/imsi/{Imsi}/device-sim-lock/rules",
                new { circles = new[] { new { center = new { latitude = 52.52, longitude = 13.405 }, radius = 20_000 } } });
            Assert.Equal(200, (int)rules.StatusCode);
            Assert.Equal("SUCCESS", (await ControlPlaneClient.ApplyAsync(http, "imsi", Imsi, "ENABLE")).GetProperty("status").GetString());

            await Radclient.SendOrFailAsync(daemon, Radclient.Accounting("Start", Imsi, Device, "C-1", 1724568390, uli: BerlinUli));
            await ControlPlaneClient.WaitForStateAsync(http, Imsi, "LOCKED");
            await Radclient.SendOrFailAsync(daemon, Radclient.Accounting("Interim-Update", Imsi, Device, "C-1", 1724568450, uli: MunichUli));
            await ControlPlaneClient.WaitForStateAsync(http, Imsi, "VIOLATED");
        }

        await using var restarted = await DaemonProcess.StartAsync(_dataDirectory);
        using var again = restarted.CreateClient();
        var described = await DescribeAsync(again);
        Assert.Equal(2, described.GetProperty("cells").GetInt32());
        Assert.Equal("import", described.GetProperty("source").GetString());
    }

    [Fact]
    public async Task Import_WhenAFileIsConfigured_IsRefusedAndTheFileStays()
    {
        var file = Path.Combine(_dataDirectory, "operator-cells.csv");
        await File.WriteAllTextAsync(file, Cells);
        await using var daemon = await DaemonProcess.StartAsync(_dataDirectory, $"--ImeiGuard:Policy:CellDatabasePath={file}");
        using var http = daemon.CreateClient();

        using var refused = await ImportAsync(http, Cells);

        Assert.Equal(409, (int)refused.StatusCode);
        Assert.Equal("SIMLOCK_1012", (await refused.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errorCode").GetString());
        var described = await DescribeAsync(http);
        Assert.Equal("file", described.GetProperty("source").GetString());
        Assert.Equal(2, described.GetProperty("cells").GetInt32());
    }

    public ValueTask DisposeAsync()
    {
        Directory.Delete(_dataDirectory, recursive: true);
        return ValueTask.CompletedTask;
    }

    private static Task<HttpResponseMessage> ImportAsync(HttpClient http, string csv) =>
        http.PutAsync("/api/v2/cells", new StringContent(csv, Encoding.UTF8, "text/csv"));

    private static async Task<JsonElement> DescribeAsync(HttpClient http) =>
        (await http.GetFromJsonAsync<JsonElement>("/api/v2/cells")).GetProperty("content")[0];
}
