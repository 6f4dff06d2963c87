using System.Globalization;
using System.Text;
using ImeiGuard.IntegrationTests.Infrastructure;

namespace ImeiGuard.IntegrationTests;

/// <summary>
/// The SIM inventory through the real daemon: a CSV import of thousands of rows that is rejected whole with
/// per-row errors, then applied whole; paging; the tenant rules of a tenant caller; the audit log's entries.
/// </summary>
public sealed class InventoryTests : IAsyncDisposable
{
    private const int Rows = 5_000;
    private readonly string _dataDirectory = Directory.CreateTempSubdirectory("imeiguard-inventory-").FullName;

    [Fact]
    public async Task CsvImport_FiveThousandRows_AllOrNothingWithRowErrors()
    {
        await using var daemon = await DaemonProcess.StartAsync(_dataDirectory);
        using var op = daemon.CreateClient();
        var csv = Csv(Rows);

        // Three bad rows among 5,003: each reported with its line (the header is line 1), column and reason; nothing is stored.
        var bad = csv + $"{Imsi(7)},{Iccid(7)},{Msisdn(7)},acme,fleet\n" + "26201abc,,,acme,\n" + $"{Imsi(Rows + 1)},12345,,,\n";
        var rejected = await ImportAsync(op, bad);
        Assert.Equal((400, "SIMLOCK_1009"), (rejected.Status, rejected.ErrorCode));
        var errors = rejected.Content.EnumerateArray().Select(e => (e.GetProperty("row").GetInt32(), e.GetProperty("column").GetString())).ToArray();
        Assert.Equal([(Rows + 2, "imsi"), (Rows + 3, "imsi"), (Rows + 4, "iccid")], errors);
        Assert.Contains("Duplicate of row 8", rejected.Content[0].GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Equal(0, (await ApiAnswer.GetAsync(op, "/api/v2/subscribers")).TotalElements);

        var imported = await ImportAsync(op, csv);
        Assert.Equal(200, imported.Status);
        Assert.Equal(Rows, imported.First.GetProperty("imported").GetInt32());

        var page = await ApiAnswer.GetAsync(op, "/api/v2/subscribers?page=9&size=500");
        Assert.Equal(500, page.Content.GetArrayLength());
        Assert.Equal(Rows, page.TotalElements);
        Assert.Equal(10, page.Body.GetProperty("pageable").GetProperty("totalPages").GetInt64());
        var one = (await ApiAnswer.GetAsync(op, $"/api/v2/subscriber/imsi/{Imsi(42)}")).First;
        Assert.Equal((Iccid(42), Msisdn(42), "acme"), (one.GetProperty("iccid").GetString(), one.GetProperty("msisdn").GetString(), one.GetProperty("tenant").GetString()));
        Assert.Equal(["fleet", "batch-1"], one.GetProperty("labels").EnumerateArray().Select(l => l.GetString()));
        Assert.Equal("DISABLED", (await ControlPlaneClient.GetBindingAsync(op, "iccid", Iccid(42))).GetProperty("lockState").GetString());
        Assert.Equal(Rows / 2, (await ApiAnswer.GetAsync(op, "/api/v2/subscribers?tenant=globex")).TotalElements);

        // A tenant caller imports into its own tenant only, and cannot touch another tenant's SIM.
        using var acme = daemon.CreateClient(TestTokens.Create(TestTokens.LocalKey(_dataDirectory), "subscribers:write subscribers:read", tenant: "acme"));
        var crossTenant = await ImportAsync(acme, $"imsi,tenant\n262019000000001,globex\n{Imsi(1)},\n");
        Assert.Equal([(2, "tenant"), (3, "imsi")], crossTenant.Content.EnumerateArray().Select(e => (e.GetProperty("row").GetInt32(), e.GetProperty("column").GetString())));
        var own = await ImportAsync(acme, "imsi,labels\n262019000000001,new\n");
        Assert.Equal(200, own.Status);
        Assert.Equal("acme", (await ApiAnswer.GetAsync(acme, "/api/v2/subscriber/imsi/262019000000001")).First.GetProperty("tenant").GetString());
        Assert.Equal((Rows / 2) + 1, (await ApiAnswer.GetAsync(acme, "/api/v2/subscribers?tenant=globex")).TotalElements);
    }

    [Fact]
    public async Task AuditLog_RecordsBeforeAndAfterWithCorrelator()
    {
        await using var daemon = await DaemonProcess.StartAsync(_dataDirectory);
        using var op = daemon.CreateClient();
        op.DefaultRequestHeaders.Add("x-correlator", "it-audit-1");
        const string Sim = "262017745956507";

        Assert.Equal(200, (await ApiAnswer.SendAsync(op, HttpMethod.Put, $"/api/v2/subscriber/imsi/{Sim}", new { msisdn = "4917509238004", tenant = "acme", labels = new[] { "a" } })).Status);
        Assert.Equal(200, (await ApiAnswer.SendAsync(op, HttpMethod.Put, $"/api/v2/subscriber/imsi/{Sim}", new { msisdn = "4917509238005", tenant = "acme" })).Status);
        Assert.Equal(404, (await ApiAnswer.GetAsync(op, "/api/v2/subscriber/msisdn/4917509238004/device-sim-lock")).Status);
        Assert.Equal(200, (await ApiAnswer.GetAsync(op, "/api/v2/subscriber/msisdn/4917509238005/device-sim-lock")).Status);
        Assert.Equal("SUCCESS", (await ControlPlaneClient.ApplyAsync(op, "imsi", Sim, "ENABLE")).GetProperty("status").GetString());
        Assert.Equal(200, (await ApiAnswer.SendAsync(op, HttpMethod.Put, $"/api/v2/subscriber/imsi/{Sim}/device-sim-lock/rules", new { tacs = new[] { "35349006" } })).Status);

        var audit = await ApiAnswer.GetAsync(op, $"/api/v2/audit?target=imsi:{Sim}");
        var entries = audit.Content.EnumerateArray().ToArray();
        Assert.Equal(["rules.put", "device-sim-lock.enable", "subscriber.put", "subscriber.put"], entries.Select(e => e.GetProperty("action").GetString()));
        Assert.All(entries, e => Assert.Equal(("bootstrap-admin", "acme", "it-audit-1"), (e.GetProperty("actor").GetString(), e.GetProperty("tenant").GetString(), e.GetProperty("correlator").GetString())));

        var update = entries[2];
        Assert.Equal("4917509238004", update.GetProperty("before").GetProperty("msisdn").GetString());
        Assert.Equal("a", update.GetProperty("before").GetProperty("labels")[0].GetString());
        Assert.Equal("4917509238005", update.GetProperty("after").GetProperty("msisdn").GetString());
        Assert.Equal(0, update.GetProperty("after").GetProperty("labels").GetArrayLength());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, entries[3].GetProperty("before").ValueKind);

        var enable = entries[1];
        Assert.Equal("DISABLED", enable.GetProperty("before").GetProperty("lockState").GetString());
        Assert.Equal("ARMED", enable.GetProperty("after").GetProperty("lockState").GetString());

        var rules = entries[0];
        Assert.Equal(System.Text.Json.JsonValueKind.Null, rules.GetProperty("before").GetProperty("rules").ValueKind);
        Assert.Equal("35349006", rules.GetProperty("after").GetProperty("rules").GetProperty("tacs")[0].GetString());

        // Reading the audit log needs its own scope.
        using var reader = daemon.CreateClient(TestTokens.Create(TestTokens.LocalKey(_dataDirectory), "simlock:read"));
        Assert.Equal(403, (await ApiAnswer.GetAsync(reader, "/api/v2/audit")).Status);
    }

    private static Task<ApiAnswer> ImportAsync(HttpClient http, string csv) =>
        ApiAnswer.SendAsync(http, HttpMethod.Post, "/api/v2/subscribers:import", content: new StringContent(csv, Encoding.UTF8, "text/csv"));

    private static string Csv(int rows)
    {
        var text = new StringBuilder("imsi,iccid,msisdn,tenant,labels\n");
        for (var i = 1; i <= rows; i++)
        {
            text.Append(CultureInfo.InvariantCulture, $"{Imsi(i)},{Iccid(i)},{Msisdn(i)},{(i % 2 == 0 ? "acme" : "globex")},fleet;batch-1\n");
        }

        return text.ToString();
    }

    private static string Imsi(int i) => "26201" + i.ToString("D10", CultureInfo.InvariantCulture);

    private static string Iccid(int i) => "894902" + i.ToString("D13", CultureInfo.InvariantCulture);

    private static string Msisdn(int i) => "49170" + i.ToString("D8", CultureInfo.InvariantCulture);

    public ValueTask DisposeAsync()
    {
        Directory.Delete(_dataDirectory, recursive: true);
        return ValueTask.CompletedTask;
    }
}
