using ImeiGuard.IntegrationTests.Infrastructure;

namespace ImeiGuard.IntegrationTests.Redis;

/// <summary>Daemons of one fleet on a test's redis-server: each with its own data directory, instance name and the fleet's key prefix.</summary>
internal sealed class RedisFleet : IAsyncDisposable
{
    private readonly List<DaemonProcess> _daemons = [];
    private readonly List<string> _directories = [];
    private readonly string _prefix = "fleet" + Guid.NewGuid().ToString("N")[..8];

    private RedisFleet(RedisServer redis) => Redis = redis;

    public RedisServer Redis { get; }

    public static async Task<RedisFleet> StartAsync(params string[] redisArgs) => new(await RedisServer.StartAsync(redisArgs));

    /// <summary>Starts one instance named <paramref name="name"/> on the fleet's Redis.</summary>
    public async Task<DaemonProcess> AddInstanceAsync(string name, params string[] extraArgs)
    {
        var directory = Directory.CreateTempSubdirectory("imeiguard-fleet-").FullName;
        _directories.Add(directory);
        var daemon = await DaemonProcess.StartAsync(directory, [
            "--ImeiGuard:Store=Redis",
            $"--ImeiGuard:Redis:Configuration={Redis.Configuration}",
            $"--ImeiGuard:Redis:KeyPrefix={_prefix}",
            $"--ImeiGuard:Redis:InstanceName={name}",
            "--ImeiGuard:Redis:ClaimIdleTime=00:00:02",
            .. extraArgs]);
        _daemons.Add(daemon);
        return daemon;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var daemon in _daemons)
        {
            await daemon.DisposeAsync();
        }

        await Redis.DisposeAsync();
        foreach (var directory in _directories)
        {
            Directory.Delete(directory, recursive: true);
        }
    }
}
