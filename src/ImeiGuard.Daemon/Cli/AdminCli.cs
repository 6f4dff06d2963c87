using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using ImeiGuard.Daemon.ControlPlane;

namespace ImeiGuard.Daemon.Cli;

/// <summary>
/// Admin subcommands of the daemon's executable, for the jobs lock admins do from a shell. They talk to a
/// running daemon over its control plane (so they obey the same authentication, scopes and audit), except
/// <c>token</c>, which only generates a key or signs a JWT with the local key. Exit codes: 0 success, 1 the daemon answered with an error or
/// could not be reached, 2 bad arguments.
/// </summary>
internal static class AdminCli
{
    public static readonly string[] Commands = ["status", "show", "set", "import", "token"];

    private const string Usage = """
        usage: imeiguard status                               readiness and key counters
               imeiguard show {imsi|msisdn|iccid|imei} VALUE   a SIM's binding
               imeiguard set {imsi|msisdn|iccid|imei} VALUE {ENABLE|DISABLE|RESET}
               imeiguard import FILE.csv                      register SIMs: imsi,msisdn,iccid per line
               imeiguard token --name NAME [--scopes a,b]     generate an API key and its settings entry
               imeiguard token issue --scope "a b" [--tenant T] [--device tel:+49...] [--ttl 1h] [--subject NAME]
                                                              a JWT signed with the local key (--data-dir data)
        options: --url http://127.0.0.1:8080 (or IMEIGUARD_URL)
                 --key KEY (or IMEIGUARD_API_KEY; default: the key in ./data/admin.key)
        """;

    public static async Task<int> RunAsync(string[] args)
    {
        if (args.Any(static a => a is "--help" or "-h"))
        {
            Console.WriteLine(Usage);
            return 0;
        }

        var options = ParseOptions(args, out var words);
        try
        {
            return words switch
            {
                ["token"] => Token(options),
                ["token", "issue"] => TokenIssueCommand.Run(options, TimeProvider.System),
                ["status"] => await StatusAsync(options),
                ["show", var type, var value] => await ShowAsync(options, type, value),
                ["set", var type, var value, var action] => await SetAsync(options, type, value, action),
                ["import", var file] => await ImportAsync(options, file),
                _ => Fail(Usage, 2),
            };
        }
        catch (HttpRequestException ex)
        {
            return Fail($"cannot reach the daemon at {Url(options)}: {ex.Message}", 1);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // A missing or unreadable file (import, key file) is the user's to fix: say which, no stack trace.
            return Fail(ex.Message, 2);
        }
    }

    private static int Token(Dictionary<string, string> options)
    {
        if (!options.TryGetValue("name", out var name))
        {
            return Fail(Usage, 2);
        }

        var scopes = options.TryGetValue("scopes", out var s) ? s.Split(',', StringSplitOptions.RemoveEmptyEntries) : [.. Scopes.All];
        foreach (var scope in scopes)
        {
            if (!Scopes.All.Contains(scope))
            {
                return Fail($"unknown scope '{scope}'; known: {string.Join(", ", Scopes.All)}", 2);
            }
        }

        var key = "igk_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24));
        Console.WriteLine(key);
        Console.Error.WriteLine("Add to ImeiGuard:ControlPlane:ApiKeys (better: put the key in a file and use KeyFile):");
        Console.Error.WriteLine(JsonSerializer.Serialize(new Dictionary<string, object> { ["Name"] = name, ["Key"] = key, ["Scopes"] = scopes }));
        return 0;
    }

    private static async Task<int> StatusAsync(Dictionary<string, string> options)
    {
        using var http = Client(options);
        using var ready = await http.GetAsync("/readyz");
        Console.Write(await ready.Content.ReadAsStringAsync());
        var metrics = await http.GetStringAsync("/metrics");
        foreach (var line in metrics.Split('\n'))
        {
            if (line.StartsWith("imeiguard_bindings", StringComparison.Ordinal) || line.StartsWith("imeiguard_outbox_pending", StringComparison.Ordinal)
                || line.StartsWith("imeiguard_sessions_active", StringComparison.Ordinal) || line.StartsWith("imeiguard_radius_accounting_requests_total", StringComparison.Ordinal)
                || line.StartsWith("imeiguard_verdicts_total", StringComparison.Ordinal))
            {
                Console.WriteLine(line);
            }
        }

        return ready.IsSuccessStatusCode ? 0 : 1;
    }

    private static async Task<int> ShowAsync(Dictionary<string, string> options, string type, string value)
    {
        using var http = Client(options);
        using var response = await http.GetAsync($"/api/v2/subscriber/{Uri.EscapeDataString(type)}/{Uri.EscapeDataString(value)}/device-sim-lock");
        return await PrintAsync(response);
    }

    private static async Task<int> SetAsync(Dictionary<string, string> options, string type, string value, string action)
    {
        using var http = Client(options);
        using var body = new StringContent(JsonSerializer.Serialize(new Dictionary<string, string> { ["action"] = action }), Encoding.UTF8, "application/json");
        using var response = await http.PostAsync($"/api/v2/subscriber/{Uri.EscapeDataString(type)}/{Uri.EscapeDataString(value)}/device-sim-lock", body);
        if (!response.IsSuccessStatusCode)
        {
            return await PrintAsync(response);
        }

        using var accepted = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var requestId = accepted.RootElement.GetProperty("content")[0].GetProperty("requestId").GetString();
        for (var attempt = 0; attempt < 100; attempt++)
        {
            using var poll = await http.GetAsync($"/api/v2/requests/{requestId}");
            var text = await poll.Content.ReadAsStringAsync();
            using var doc = JsonDocument.Parse(text);
            var status = doc.RootElement.GetProperty("content")[0].GetProperty("status").GetString();
            if (status != "IN_PROGRESS")
            {
                Console.WriteLine(text);
                return status == "SUCCESS" ? 0 : 1;
            }

            await Task.Delay(100);
        }

        return Fail($"request {requestId} still IN_PROGRESS after 10 s", 1);
    }

    /// <summary>Registers each "imsi,msisdn,iccid" line (header line and blank lines skipped); reports each failing row.</summary>
    private static async Task<int> ImportAsync(Dictionary<string, string> options, string file)
    {
        using var http = Client(options);
        int ok = 0, failed = 0, row = 0;
        foreach (var line in await File.ReadAllLinesAsync(file))
        {
            row++;
            var cells = line.Split(',');
            if (line.Length == 0 || cells[0].Trim().Equals("imsi", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            var payload = JsonSerializer.Serialize(new Dictionary<string, string?>
            {
                ["msisdn"] = cells.Length > 1 && cells[1].Trim().Length > 0 ? cells[1].Trim() : null,
                ["iccid"] = cells.Length > 2 && cells[2].Trim().Length > 0 ? cells[2].Trim() : null,
            });
            using var body = new StringContent(payload, Encoding.UTF8, "application/json");
            using var response = await http.PutAsync($"/api/v2/subscriber/imsi/{Uri.EscapeDataString(cells[0].Trim())}", body);
            if (response.IsSuccessStatusCode)
            {
                ok++;
            }
            else
            {
                failed++;
                await Console.Error.WriteLineAsync($"row {row}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
            }
        }

        Console.WriteLine($"{ok} registered, {failed} failed");
        return failed == 0 ? 0 : 1;
    }

    private static async Task<int> PrintAsync(HttpResponseMessage response)
    {
        Console.WriteLine(await response.Content.ReadAsStringAsync());
        return response.IsSuccessStatusCode ? 0 : 1;
    }

    private static HttpClient Client(Dictionary<string, string> options)
    {
        var http = new HttpClient { BaseAddress = new Uri(Url(options)), Timeout = TimeSpan.FromSeconds(10) };
        var key = options.GetValueOrDefault("key") ?? Environment.GetEnvironmentVariable("IMEIGUARD_API_KEY")
            ?? (File.Exists(Path.Combine("data", "admin.key")) ? File.ReadAllText(Path.Combine("data", "admin.key")).Trim() : null);
        if (key is not null)
        {
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        }

        return http;
    }

    private static string Url(Dictionary<string, string> options) =>
        options.GetValueOrDefault("url") ?? Environment.GetEnvironmentVariable("IMEIGUARD_URL") ?? "http://127.0.0.1:8080";

    private static Dictionary<string, string> ParseOptions(string[] args, out string[] words)
    {
        var options = new Dictionary<string, string>(StringComparer.Ordinal);
        var rest = new List<string>();
        for (var i = 0; i < args.Length; i++)
        {
            if (args[i].StartsWith("--", StringComparison.Ordinal) && i + 1 < args.Length)
            {
                options[args[i][2..]] = args[++i];
            }
            else
            {
                rest.Add(args[i]);
            }
        }

        words = [.. rest];
        return options;
    }

    private static int Fail(string message, int code)
    {
        Console.Error.WriteLine(message);
        return code;
    }
}
