using ImeiGuard.IntegrationTests.Infrastructure;
using StackExchange.Redis;

namespace ImeiGuard.IntegrationTests.Redis;

/// <summary>Daemons of one fleet on a test's redis-server: each with its own data directory, instance name and the fleet's key prefix.</summary>
internal sealed class RedisFleet : IAsyncDisposable
{
    private readonly List<DaemonProcess> _daemons = [];
    private readonly List<string> _directories = [];
    private readonly string _prefix = "fleet" + Guid.NewGuid().ToString("N")[..8];

    private RedisFleet(RedisServer redis) => Redis = redis;

    public RedisServer Redis { get; }

    /// <summary>The fleet's ImeiGuard:Redis:KeyPrefix.</summary>
    public string KeyPrefix => _prefix;

    /// <summary>The pending entries (id and consumer) of a stream's consumer group, read with XPENDING.</summary>
    public async Task<StreamPendingMessageInfo[]> PendingAsync(string streamKey, string group)
    {
        await using var redis = await ConnectionMultiplexer.ConnectAsync(Redis.Configuration);
        return await redis.GetDatabase().StreamPendingMessagesAsync($"{_prefix}:{streamKey}", group, 100, RedisValue.Null);
    }

    public static async Task<RedisFleet> StartAsync(params string[] redisArgs) => new(await RedisServer.StartAsync(redisArgs));

    /// <summary>
    /// Starts one instance named <paramref name="name"/> on the fleet's Redis. ClaimIdleTime stays at its default (30 s):
    /// a shorter one hands a live but slow instance's outbox entries to another on a loaded machine, a duplicate send
    /// the tests would count; the hand-over test sets its own.
    /// </summary>
    public async Task<DaemonProcess> AddInstanceAsync(string name, params string[] extraArgs)
    {
        var directory = Directory.CreateTempSubdirectory("imeiguard-fleet-").FullName;
        _directories.Add(directory);
        var daemon = await DaemonProcess.StartAsync(directory, [
            "--ImeiGuard:Store=Redis",
            $"--ImeiGuard:Redis:Configuration={Redis.Configuration}",
            $"--ImeiGuard:Redis:KeyPrefix={_prefix}",
            $"--ImeiGuard:Redis:InstanceName={name}",
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
