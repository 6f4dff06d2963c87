namespace ImeiGuard.IntegrationTests.Infrastructure;

/// <summary>
/// A three-primary Redis Cluster on loopback: three cluster-enabled redis-servers in their own directories,
/// joined with <c>redis-cli --cluster create … --cluster-replicas 0</c>, ready once CLUSTER INFO says
/// cluster_state:ok (30 s at most). Each server is stopped by its own PID.
/// </summary>
internal sealed class RedisCluster : IAsyncDisposable
{
    private readonly RedisServer[] _nodes;

    private RedisCluster(RedisServer[] nodes) => _nodes = nodes;

    /// <summary>All primaries: StackExchange.Redis discovers the slot map from any of them.</summary>
    public string Configuration => string.Join(',', _nodes.Select(static n => n.Configuration));

    public static async Task<RedisCluster> StartAsync()
    {
        var cli = RequiredTool.Find("redis-cli", "redis-tools");
        var nodes = new RedisServer[3];
        for (var i = 0; i < nodes.Length; i++)
        {
            nodes[i] = await RedisServer.StartAsync("--cluster-enabled", "yes", "--cluster-config-file", "nodes.conf", "--cluster-node-timeout", "5000");
        }

        var cluster = new RedisCluster(nodes);
        var (exit, output) = await ToolRun.RunAsync(cli, ["--cluster", "create", .. nodes.Select(static n => n.Configuration), "--cluster-replicas", "0", "--cluster-yes"]);
        if (exit != 0)
        {
            await cluster.DisposeAsync();
            throw new InvalidOperationException("redis-cli --cluster create failed: " + output);
        }

        var deadline = DateTime.UtcNow.AddSeconds(30);
        foreach (var node in nodes)
        {
            while (true)
            {
                var (_, info) = await ToolRun.RunAsync(cli, "-p", node.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "cluster", "info");
                if (info.Contains("cluster_state:ok", StringComparison.Ordinal))
                {
                    break;
                }

                if (DateTime.UtcNow > deadline)
                {
                    await cluster.DisposeAsync();
                    throw new TimeoutException("cluster_state did not become ok: " + info);
                }

                await Task.Delay(100);
            }
        }

        return cluster;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var node in _nodes)
        {
            await node.DisposeAsync();
        }
    }
}
