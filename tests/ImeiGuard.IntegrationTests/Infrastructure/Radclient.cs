using System.Diagnostics;
using System.Net;

namespace ImeiGuard.IntegrationTests.Infrastructure;

/// <summary>Drives FreeRADIUS radclient, the real peer, with accounting packets in its input-file syntax.</summary>
internal static class Radclient
{
    /// <summary>Sends the packets to the daemon with the loopback secret; fails the test (with the daemon's log) when radclient fails.</summary>
    public static async Task SendOrFailAsync(DaemonProcess daemon, params string[] packets)
    {
        var (exit, output) = await SendAsync(daemon.RadiusEndPoint, "testing123", packets);
        Assert.True(exit == 0, $"radclient failed ({exit}): {output}\n--- daemon log ---\n{daemon.Log}");
    }

    /// <summary>Sends the packets (one attribute block each) and returns radclient's exit code and output.</summary>
    public static async Task<(int ExitCode, string Output)> SendAsync(IPEndPoint server, string secret, params string[] packets)
    {
        var radclient = RequiredTool.Find("radclient", "freeradius-utils");
        var input = Path.GetTempFileName();
        await File.WriteAllTextAsync(input, string.Join("\n\n", packets) + "\n");
        try
        {
            var info = new ProcessStartInfo(radclient)
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            foreach (var arg in (string[])["-r", "2", "-t", "2", "-p", "1", "-f", input, $"{server.Address}:{server.Port}", "acct", secret])
            {
                info.ArgumentList.Add(arg);
            }

            using var process = Process.Start(info)!;
            using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            var stdout = process.StandardOutput.ReadToEndAsync(cts.Token);
            var stderr = process.StandardError.ReadToEndAsync(cts.Token);
            await process.WaitForExitAsync(cts.Token);
            return (process.ExitCode, await stdout + await stderr);
        }
        finally
        {
            File.Delete(input);
        }
    }

    /// <summary>An Interim/Start/Stop block like a PGW sends, with the 3GPP VSAs the daemon reads; <paramref name="extra"/> adds an attribute line.</summary>
    public static string Accounting(
        string status, string imsi, string imeisv, string sessionId, long eventTimestamp, string msisdn = "4917509238004", string uli = "0x8262f210a3b062f2100680626b",
        string framedIp = "100.117.18.28", string extra = "") => $"""
        Acct-Status-Type = {status}
        NAS-IP-Address = 192.0.2.25
        NAS-Identifier = "pgw-a-01"
        Event-Timestamp = {eventTimestamp}
        User-Name = "{imsi}"
        Acct-Session-Id = "{sessionId}"
        Called-Station-Id = "iot.example"
        Calling-Station-Id = "{msisdn}"
        Framed-IP-Address = {framedIp}
        3GPP-IMSI = "{imsi}"
        3GPP-IMSI-MCC-MNC = "26201"
        3GPP-SGSN-MCC-MNC = "26201"
        3GPP-IMEISV = "{imeisv}"
        3GPP-RAT-Type = 6
        3GPP-User-Location-Info = {uli}
        3GPP-MS-Time-Zone = 0x8001
        {(extra.Length > 0 ? extra + "\n" : string.Empty)}Message-Authenticator = 0x00
        """;
}
