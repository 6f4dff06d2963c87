using System.Diagnostics;
using System.Text.Json;
using System.Text.RegularExpressions;
using ImeiGuard.IntegrationTests.Infrastructure;

namespace ImeiGuard.IntegrationTests;

/// <summary>
/// The files in deploy/ work: Prometheus scrapes the daemon with the shipped configuration and loads the
/// shipped alert rules, every metric the dashboard and rules use exists, the systemd unit verifies, and the
/// Kubernetes manifests are well-formed.
/// </summary>
public sealed partial class DeployFilesTests : IAsyncDisposable
{
    private readonly string _dataDirectory = Directory.CreateTempSubdirectory("imeiguard-deploy-").FullName;

    private static string Deploy(params string[] parts) => Path.Combine([RepoPaths.Root, "deploy", .. parts]);

    [Fact]
    public async Task Promtool_ShippedRulesAndConfig_Pass()
    {
        var promtool = RequiredTool.Find("promtool", "prometheus");
        var rules = await ToolRun.RunAsync(promtool, "check", "rules", Deploy("prometheus", "alerts.yml"));
        Assert.True(rules.ExitCode == 0, rules.Output);
        var config = await ToolRun.RunAsync(promtool, "check", "config", Deploy("prometheus", "prometheus.yml"));
        Assert.True(config.ExitCode == 0, config.Output);
    }

    [Fact]
    public async Task Prometheus_WithShippedConfig_ScrapesDaemonAndLoadsRules()
    {
        var prometheus = RequiredTool.Find("prometheus", "prometheus");
        await using var daemon = await DaemonProcess.StartAsync(_dataDirectory);
        var promDir = Directory.CreateDirectory(Path.Combine(_dataDirectory, "prometheus")).FullName;
        File.Copy(Deploy("prometheus", "alerts.yml"), Path.Combine(promDir, "alerts.yml"));
        var config = (await File.ReadAllTextAsync(Deploy("prometheus", "prometheus.yml")))
            .Replace("imeiguard:8080", $"127.0.0.1:{daemon.BaseAddress.Port}", StringComparison.Ordinal)
            .Replace("scrape_interval: 15s", "scrape_interval: 1s", StringComparison.Ordinal)
            .Replace("evaluation_interval: 15s", "evaluation_interval: 1s", StringComparison.Ordinal);
        await File.WriteAllTextAsync(Path.Combine(promDir, "prometheus.yml"), config);
        var port = LoopbackPorts.FreeTcp();

        var info = new ProcessStartInfo(prometheus) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in (string[])[$"--config.file={Path.Combine(promDir, "prometheus.yml")}", $"--web.listen-address=127.0.0.1:{port}", $"--storage.tsdb.path={Path.Combine(promDir, "tsdb")}"])
        {
            info.ArgumentList.Add(arg);
        }

        using var process = Process.Start(info)!;
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            using var api = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(5) };
            var deadline = DateTime.UtcNow.AddSeconds(30);
            string? health = null;
            while (DateTime.UtcNow < deadline && health != "up")
            {
                await Task.Delay(500);
                try
                {
                    var targets = JsonDocument.Parse(await api.GetStringAsync("/api/v1/targets")).RootElement;
                    foreach (var t in targets.GetProperty("data").GetProperty("activeTargets").EnumerateArray())
                    {
                        health = t.GetProperty("health").GetString();
                    }
                }
                catch (HttpRequestException)
                {
                    // Prometheus is still starting.
                }
            }

            Assert.Equal("up", health);
            var rules = JsonDocument.Parse(await api.GetStringAsync("/api/v1/rules")).RootElement;
            var loaded = rules.GetProperty("data").GetProperty("groups")[0].GetProperty("rules").GetArrayLength();
            Assert.Equal(RuleCount(), loaded);
        }
        finally
        {
            process.Kill();
            await process.WaitForExitAsync();
        }
    }

    [Fact]
    public async Task DashboardAndAlerts_ReferenceOnlyMetricsTheDaemonExports()
    {
        await using var daemon = await DaemonProcess.StartAsync(_dataDirectory);
        using var http = daemon.CreateClient();
        await Task.Delay(1000); // let the first flush publish the bindings gauge
        var exposition = await http.GetStringAsync("/metrics");
        var exported = TypeLine().Matches(exposition).Select(m => m.Groups[1].Value).ToHashSet(StringComparer.Ordinal);

        var used = new HashSet<string>(StringComparer.Ordinal);
        foreach (var file in (string[])[Deploy("grafana", "imeiguard-dashboard.json"), Deploy("prometheus", "alerts.yml")])
        {
            foreach (Match m in MetricName().Matches(await File.ReadAllTextAsync(file)))
            {
                used.Add(HistogramSuffix().Replace(m.Value, ""));
            }
        }

        Assert.NotEmpty(used);
        var missing = used.Where(name => !exported.Contains(name)).ToList();
        Assert.True(missing.Count == 0, "not exported: " + string.Join(", ", missing));
    }

    [Fact]
    public async Task MetricsCatalogue_ListsExactlyTheMetricsTheDaemonExports()
    {
        await using var daemon = await DaemonProcess.StartAsync(_dataDirectory);
        using var http = daemon.CreateClient();
        await Task.Delay(1000);
        var exported = TypeLine().Matches(await http.GetStringAsync("/metrics")).Select(m => m.Groups[1].Value)
            .Where(n => n.StartsWith("imeiguard_", StringComparison.Ordinal)).ToHashSet(StringComparer.Ordinal);
        var documented = MetricName().Matches(await File.ReadAllTextAsync(Path.Combine(RepoPaths.Root, "docs", "metrics.md")))
            .Select(m => HistogramSuffix().Replace(m.Value, "")).ToHashSet(StringComparer.Ordinal);

        Assert.True(exported.Except(documented).ToList() is [], "exported but not in docs/metrics.md: " + string.Join(", ", exported.Except(documented)));
        Assert.True(documented.Except(exported).ToList() is [], "in docs/metrics.md but not exported: " + string.Join(", ", documented.Except(exported)));
    }

    [Fact]
    public async Task SystemdUnit_PassesSystemdAnalyzeVerify()
    {
        var analyze = RequiredTool.Find("systemd-analyze", "systemd");
        var (exit, output) = await ToolRun.RunAsync(analyze, "verify", Deploy("systemd", "imeiguard.service"));
        Assert.True(exit == 0, output);
        Assert.DoesNotContain("imeiguard.service", output, StringComparison.Ordinal); // no warning names our unit
    }

    [Fact]
    public async Task KubernetesManifests_AreWellFormedAndConsistent()
    {
        // No cluster here: a structural check with Python's YAML parser (python3-yaml), see deploy/README.md.
        var python = RequiredTool.Find("python3", "python3-yaml");
        var (exit, output) = await ToolRun.RunAsync(python, Deploy("k8s", "check_manifests.py"), Deploy("k8s", "imeiguard.yaml"));
        Assert.True(exit == 0, output);
        Assert.Contains("Deployment", output, StringComparison.Ordinal);
        Assert.Contains("ServiceMonitor", output, StringComparison.Ordinal);
    }

    private static int RuleCount() => File.ReadAllLines(Deploy("prometheus", "alerts.yml")).Count(l => l.TrimStart().StartsWith("- alert:", StringComparison.Ordinal));

    [GeneratedRegex(@"^# TYPE (\S+) ", RegexOptions.Multiline)]
    private static partial Regex TypeLine();

    [GeneratedRegex(@"imeiguard_[a-z0-9_]+")]
    private static partial Regex MetricName();

    [GeneratedRegex(@"_(bucket|sum|count)$")]
    private static partial Regex HistogramSuffix();

    public ValueTask DisposeAsync()
    {
        Directory.Delete(_dataDirectory, recursive: true);
        return ValueTask.CompletedTask;
    }
}
