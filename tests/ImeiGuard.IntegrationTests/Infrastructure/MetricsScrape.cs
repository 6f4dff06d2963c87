using System.Globalization;

namespace ImeiGuard.IntegrationTests.Infrastructure;

/// <summary>Reads series from the Prometheus text exposition of /metrics.</summary>
internal static class MetricsScrape
{
    public static async Task<Dictionary<string, double>> ReadAsync(HttpClient http)
    {
        var text = await http.GetStringAsync("/metrics");
        var series = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var line in text.Split('\n'))
        {
            if (line.Length == 0 || line[0] == '#')
            {
                continue;
            }

            var space = line.LastIndexOf(' ');
            series[line[..space]] = double.Parse(line[(space + 1)..], CultureInfo.InvariantCulture);
        }

        return series;
    }

    public static double Value(this Dictionary<string, double> series, string name) => series.GetValueOrDefault(name);

    /// <summary>Scrapes until <paramref name="done"/> holds (10 s at most), then once more after the workers settle.</summary>
    public static async Task<Dictionary<string, double>> WaitUntilAsync(HttpClient http, Func<Dictionary<string, double>, bool> done)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (true)
        {
            var series = await ReadAsync(http);
            if (done(series) || DateTime.UtcNow > deadline)
            {
                await Task.Delay(200);
                return await ReadAsync(http);
            }

            await Task.Delay(50);
        }
    }
}
