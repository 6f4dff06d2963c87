using System.Diagnostics;
using System.Net;

namespace ImeiGuard.IntegrationTests.Infrastructure;

/// <summary>
/// A real FreeRADIUS 3 server on loopback whose accounting section copies every request to a home server
/// with the <c>replicate</c> module (protocol notes D.1): the way operators mirror accounting to ImeiGuard.
/// Its configuration is written to a temporary directory; the process is stopped by its own PID.
/// </summary>
internal sealed class FreeRadiusMirror : IAsyncDisposable
{
    private readonly Process _process;
    private readonly string _confDir;
    private readonly List<string> _log = [];

    private FreeRadiusMirror(Process process, string confDir, int port)
    {
        _process = process;
        _confDir = confDir;
        AccountingEndPoint = new IPEndPoint(IPAddress.Loopback, port);
    }

    /// <summary>Where radclient sends accounting (FreeRADIUS's listener).</summary>
    public IPEndPoint AccountingEndPoint { get; }

    public const string ClientSecret = "testing123";

    public static async Task<FreeRadiusMirror> StartAsync(IPEndPoint mirrorTarget, string mirrorSecret)
    {
        var freeradius = RequiredTool.Find("freeradius", "freeradius");
        var confDir = Directory.CreateTempSubdirectory("imeiguard-freeradius-").FullName;
        Directory.CreateDirectory(Path.Combine(confDir, "run"));
        Directory.CreateDirectory(Path.Combine(confDir, "log"));
        var port = LoopbackPorts.FreeUdp();
        await File.WriteAllTextAsync(Path.Combine(confDir, "dictionary"), "");
        await File.WriteAllTextAsync(Path.Combine(confDir, "radiusd.conf"), RadiusdConf(confDir, port));
        await File.WriteAllTextAsync(Path.Combine(confDir, "proxy.conf"), ProxyConf(mirrorTarget, mirrorSecret));
        await File.WriteAllTextAsync(Path.Combine(confDir, "clients.conf"), $"client localhost {{\n  ipaddr = 127.0.0.1\n  secret = {ClientSecret}\n}}\n");

        var info = new ProcessStartInfo(freeradius) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in (string[])["-f", "-l", "stdout", "-d", confDir])
        {
            info.ArgumentList.Add(arg);
        }

        var process = Process.Start(info)!;
        var mirror = new FreeRadiusMirror(process, confDir, port);
        var ready = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        void OnLine(string? line)
        {
            if (line is null)
            {
                ready.TrySetException(new InvalidOperationException("freeradius exited:\n" + mirror.Log));
                return;
            }

            lock (mirror._log)
            {
                mirror._log.Add(line);
            }

            if (line.Contains("Ready to process requests", StringComparison.Ordinal))
            {
                ready.TrySetResult();
            }
        }

        process.OutputDataReceived += (_, e) => OnLine(e.Data);
        process.ErrorDataReceived += (_, e) => OnLine(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        if (await Task.WhenAny(ready.Task, Task.Delay(TimeSpan.FromSeconds(20))) != ready.Task)
        {
            await mirror.DisposeAsync();
            throw new TimeoutException("freeradius did not start:\n" + mirror.Log);
        }

        await ready.Task;
        return mirror;
    }

    public string Log
    {
        get
        {
            lock (_log)
            {
                return string.Join('\n', _log);
            }
        }
    }

    // A minimal radiusd.conf: one accounting listener whose requests are replicated to the "mirror" realm.
    private static string RadiusdConf(string confDir, int port) => $$"""
        prefix = /usr
        exec_prefix = /usr
        sysconfdir = /etc
        localstatedir = /var
        sbindir = /usr/sbin
        confdir = {{confDir}}
        raddbdir = ${confdir}
        logdir = ${confdir}/log
        radacctdir = ${logdir}/radacct
        run_dir = ${confdir}/run
        db_dir = ${confdir}
        libdir = /usr/lib/freeradius
        modconfdir = ${confdir}/mods-config
        name = freeradius
        pidfile = ${run_dir}/${name}.pid
        max_request_time = 30
        cleanup_delay = 1
        max_requests = 1024
        hostname_lookups = no
        log {
          destination = stdout
        }
        security {
          allow_core_dumps = no
          max_attributes = 200
          reject_delay = 0
          status_server = no
        }
        proxy_requests = yes
        $INCLUDE proxy.conf
        $INCLUDE clients.conf
        thread pool {
          start_servers = 1
          max_servers = 2
          min_spare_servers = 1
          max_spare_servers = 2
          max_requests_per_server = 0
        }
        modules {
          replicate {
          }
          always ok {
            rcode = ok
          }
        }
        server mirror-lab {
          listen {
            type = acct
            ipaddr = 127.0.0.1
            port = {{port}}
          }
          preacct {
          }
          accounting {
            update control {
              &Replicate-To-Realm := "mirror"
            }
            replicate
            ok
          }
        }
        """;

    private static string ProxyConf(IPEndPoint target, string secret) => $$"""
        proxy server {
          default_fallback = no
        }
        home_server mirror_hs {
          type = acct
          ipaddr = {{target.Address}}
          port = {{target.Port}}
          secret = {{secret}}
          status_check = none
        }
        home_server_pool mirror_pool {
          type = fail-over
          home_server = mirror_hs
        }
        realm mirror {
          acct_pool = mirror_pool
          nostrip
        }
        """;

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
        Directory.Delete(_confDir, recursive: true);
    }
}
