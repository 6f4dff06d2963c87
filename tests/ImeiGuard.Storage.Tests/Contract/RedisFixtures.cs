using ImeiGuard.IntegrationTests.Infrastructure;

[assembly: AssemblyFixture(typeof(ImeiGuard.Storage.Tests.Contract.RedisFixture))]
[assembly: AssemblyFixture(typeof(ImeiGuard.Storage.Tests.Contract.RedisClusterFixture))]

namespace ImeiGuard.Storage.Tests.Contract;

/// <summary>
/// One redis-server for the contract tests (each test uses its own key prefix). Started only when the binary
/// is installed; a test that needs it asks <see cref="Configuration"/>, which skips it (or fails it under CI) otherwise.
/// </summary>
public sealed class RedisFixture : IAsyncLifetime
{
    private RedisServer? _server;

    internal string Configuration
    {
        get
        {
            RequiredTool.Find("redis-server", "redis-server");
            return _server?.Configuration ?? throw new InvalidOperationException("redis-server did not start");
        }
    }

    public async ValueTask InitializeAsync()
    {
        if (Installed("redis-server"))
        {
            _server = await RedisServer.StartAsync();
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }

    internal static bool Installed(string name) =>
        ((Environment.GetEnvironmentVariable("PATH") ?? "") + ":/usr/sbin:/sbin").Split(Path.PathSeparator).Any(d => File.Exists(Path.Combine(d, name)));
}

/// <summary>A three-primary Redis Cluster for the contract tests, started when redis-server and redis-cli are installed.</summary>
public sealed class RedisClusterFixture : IAsyncLifetime
{
    private RedisCluster? _cluster;

    internal string Configuration
    {
        get
        {
            RequiredTool.Find("redis-server", "redis-server");
            RequiredTool.Find("redis-cli", "redis-tools");
            return _cluster?.Configuration ?? throw new InvalidOperationException("the Redis Cluster did not start");
        }
    }

    public async ValueTask InitializeAsync()
    {
        if (RedisFixture.Installed("redis-server") && RedisFixture.Installed("redis-cli"))
        {
            _cluster = await RedisCluster.StartAsync();
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_cluster is not null)
        {
            await _cluster.DisposeAsync();
        }
    }
}
