using System.Collections.Concurrent;
using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using ImeiGuard.IntegrationTests.Infrastructure;

namespace ImeiGuard.IntegrationTests.Camara.Infrastructure;

/// <summary>
/// One real daemon for the CAMARA tests, shared by a test collection: API keys for an operator, two tenants and
/// 3-legged devices (<see cref="CamaraKeys"/>), a cell database with the cell of the default test ULI, and an HTTPS
/// CloudEvents sink it trusts. Each test takes fresh SIMs, addresses and sink names from <see cref="NewSim"/>, so tests
/// never see each other's state.
/// </summary>
public class CamaraHost : IAsyncLifetime
{
    /// <summary>The cell of Radclient's default ULI (262-01, TAC 41904, ECI 109077099) is in Berlin.</summary>
    public const double CellLatitude = 52.52, CellLongitude = 13.405;

    /// <summary>A ULI of another cell of the same TAC (ECI 109077100), which the cell database puts in Munich.</summary>
    public const string MunichUli = "0x8262f210a3b062f2100680626c";

    private readonly string _directory = Directory.CreateTempSubdirectory("imeiguard-camara-").FullName;
    private readonly ConcurrentDictionary<string, HttpClient> _clients = new();
    private int _next;
    private string _daemonArgs = string.Empty;

    internal DaemonProcess Daemon { get; private set; } = null!;

    internal CloudEventSink Sink { get; private set; } = null!;

    /// <summary>The event timestamp of the next RADIUS record; rising, so each record is newer than the last.</summary>
    private long _eventTime = 1_724_568_000;

    public async ValueTask InitializeAsync()
    {
        Sink = await CloudEventSink.StartAsync(_directory);
        var cells = Path.Combine(_directory, "cells.csv");
        await File.WriteAllTextAsync(cells, string.Create(CultureInfo.InvariantCulture,
            $"radio,mcc,net,area,cell,unit,lon,lat,range,samples,changeable,created,updated,averageSignal\nLTE,262,1,41904,109077099,0,{CellLongitude},{CellLatitude},1000,1,1,0,0,0\nLTE,262,1,41904,109077100,0,11.5755,48.1374,1000,1,1,0,0,0\n"));
        var config = Path.Combine(_directory, "camara-settings.json");
        await File.WriteAllTextAsync(config, JsonSerializer.Serialize(new
        {
            ImeiGuard = new
            {
                // The access tests present many unknown keys from loopback to this one shared daemon: no lockout here.
                ControlPlane = new { ApiKeys = CamaraKeys.Settings(), Lockout = new { MaxFailures = 0 } },
                Policy = new { CellDatabasePath = cells },
                Camara = CamaraSettings(Sink.CertificatePath),
            },
        }));
        _daemonArgs = $"--ConfigFile={config}";
        Daemon = await DaemonProcess.StartAsync(Directory.CreateDirectory(Path.Combine(_directory, "daemon")).FullName, _daemonArgs);
        await RegisterAsync(CamaraKeys.DeviceImsi, CamaraKeys.DevicePhone, "acme");
    }

    /// <summary>Kills the daemon (SIGKILL, as a crash) and starts it again on the same data directory.</summary>
    internal async Task CrashAndRestartAsync()
    {
        await Daemon.KillAsync();
        await Daemon.DisposeAsync();
        foreach (var client in _clients.Values)
        {
            client.Dispose();
        }

        _clients.Clear();
        Daemon = await DaemonProcess.StartAsync(Daemon.DataDirectory, _daemonArgs);
    }

    /// <summary>The ImeiGuard:Camara section: a rate limit no test reaches, and quick notification retries.</summary>
    protected virtual object CamaraSettings(string sinkCertificate) => new
    {
        RateLimitPermits = 100_000,
        RateLimitWindow = "00:00:01",
        Notifications = new
        {
            TrustedCertificatesPath = sinkCertificate,
            PollInterval = "00:00:00.050",
            InitialBackoff = "00:00:00.100",
            MaxBackoff = "00:00:00.400",
            AccessTokenLead = "00:00:00",
        },
    };

    /// <summary>A client calling with <paramref name="key"/> (null: no Authorization header).</summary>
    internal HttpClient Client(string? key) => _clients.GetOrAdd(key ?? string.Empty, k =>
    {
        var client = new HttpClient { BaseAddress = Daemon.BaseAddress, Timeout = TimeSpan.FromSeconds(15) };
        if (k.Length > 0)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", k);
        }

        return client;
    });

    /// <summary>A SIM no other test uses, with its own phone number and UE addresses; not yet known to the daemon.</summary>
    internal Sim NewSim()
    {
        var n = Interlocked.Increment(ref _next);
        return new Sim(
            string.Create(CultureInfo.InvariantCulture, $"26201{n:D10}"),
            string.Create(CultureInfo.InvariantCulture, $"+4917{n:D9}"),
            string.Create(CultureInfo.InvariantCulture, $"100.64.{n / 250}.{(n % 250) + 1}"),
            string.Create(CultureInfo.InvariantCulture, $"2001:db8:{n:x}::"),
            string.Create(CultureInfo.InvariantCulture, $"sink-{n}"));
    }

    /// <summary>A new SIM registered in the inventory (IMSI, MSISDN) for <paramref name="tenant"/> (null: the operator's own).</summary>
    internal async Task<Sim> RegisteredSimAsync(string? tenant)
    {
        var sim = NewSim();
        await RegisterAsync(sim.Imsi, sim.Phone, tenant);
        return sim;
    }

    /// <summary>A RADIUS Start for the SIM from <paramref name="imeisv"/>, holding its IPv4 and IPv6 addresses (radclient).</summary>
    internal Task StartSessionAsync(Sim sim, string imeisv, string session = "S-1", string uli = "0x8262f210a3b062f2100680626b") =>
        Radclient.SendOrFailAsync(Daemon, Radclient.Accounting(
            "Start", sim.Imsi, imeisv, sim.Imsi + "-" + session, Interlocked.Increment(ref _eventTime), sim.Phone[1..], uli, sim.Ipv4,
            $"Framed-IPv6-Prefix = {sim.Ipv6Prefix}/64"));

    private async Task RegisterAsync(string imsi, string phone, string? tenant)
    {
        using var response = await Client(CamaraKeys.Operator).PutAsJsonAsync($"/api/v2/subscriber/imsi/{imsi}", new { msisdn = phone[1..], tenant });
        Assert.Equal(200, (int)response.StatusCode);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var client in _clients.Values)
        {
            client.Dispose();
        }

        await Daemon.DisposeAsync();
        await Sink.DisposeAsync();
        Directory.Delete(_directory, recursive: true);
        GC.SuppressFinalize(this);
    }
}

/// <summary>A test SIM: IMSI, phone number (E.164 with '+'), UE IPv4, UE IPv6 /64 prefix, and a sink name of its own.</summary>
internal sealed record Sim(string Imsi, string Phone, string Ipv4, string Ipv6Prefix, string SinkName)
{
    /// <summary>An address inside the SIM's IPv6 prefix.</summary>
    public string Ipv6Address => Ipv6Prefix + "1319:8a2e:370:7344";
}

/// <summary>The collection that shares one <see cref="CamaraHost"/>.</summary>
[CollectionDefinition(Name)]
public sealed class CamaraCollection : ICollectionFixture<CamaraHost>
{
    public const string Name = "camara";
}
