using System.Text.Json;

namespace ImeiGuard.IntegrationTests.Replay;

/// <summary>Compares <c>replay --json</c> output with a corpus expectation file, key by key.</summary>
internal static class ExpectedRecords
{
    /// <summary>The keys every output record has (the corpus field names the replay promises).</summary>
    public static readonly string[] RequiredKeys =
    [
        "index", "frame", "src_ip", "src_port", "dst_ip", "dst_port", "code", "identifier", "length",
        "acct_status_type", "user_name", "calling_station_id", "called_station_id", "nas_identifier", "nas_ip",
        "framed_ip", "framed_ipv6_prefix", "acct_session_id", "event_timestamp", "imsi", "imsi_source", "imeisv",
        "imei", "imsi_mcc_mnc", "sgsn_mcc_mnc", "rat_type", "uli_type", "location", "ms_timezone",
        "has_message_authenticator", "valid", "reason_code", "pei", "secret_name",
    ];

    /// <summary>The records of radius/<paramref name="set"/>.expected.jsonl.</summary>
    public static IReadOnlyList<JsonElement> Load(string set) =>
        [.. File.ReadLines(ReplayRun.CorpusFile(set + ".expected.jsonl"))
            .Where(static line => line.Length > 0)
            .Select(static line => JsonDocument.Parse(line).RootElement.Clone())];

    /// <summary>
    /// Asserts one output record per expected record, and that every key both have is equal (deep equality:
    /// the <c>location</c> and <c>pei</c> objects key by key). Keys in <paramref name="ignored"/> are skipped.
    /// Returns how many values were compared.
    /// </summary>
    public static int AssertMatch(string set, IReadOnlyList<JsonElement> actual, params string[] ignored)
    {
        var expected = Load(set);
        Assert.Equal(expected.Count, actual.Count);
        var mismatches = new List<string>();
        var compared = 0;
        for (var i = 0; i < expected.Count; i++)
        {
            foreach (var key in RequiredKeys)
            {
                if (!actual[i].TryGetProperty(key, out _))
                {
                    mismatches.Add($"{set}[{i}]: no '{key}'");
                }
            }

            foreach (var property in expected[i].EnumerateObject())
            {
                if (ignored.Contains(property.Name) || !actual[i].TryGetProperty(property.Name, out var value))
                {
                    continue;
                }

                compared++;
                if (!JsonElement.DeepEquals(property.Value, value))
                {
                    mismatches.Add($"{set}[{i}].{property.Name}: expected {property.Value.GetRawText()}, got {value.GetRawText()}");
                }
            }
        }

        Assert.True(mismatches.Count == 0, string.Join('\n', mismatches));
        return compared;
    }
}
