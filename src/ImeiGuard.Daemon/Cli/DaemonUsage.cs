namespace ImeiGuard.Daemon.Cli;

/// <summary>What <c>imeiguard --help</c> prints: the daemon itself, replay and the admin commands.</summary>
internal static class DaemonUsage
{
    public const string Text = """
        usage: imeiguard [--ConfigFile=PATH] [--Section:Key=value ...]   run the daemon (settings: README)
               imeiguard replay FILE [options]                           decode or backtest a capture (replay --help)
               imeiguard {status|show|set|import|token} ...              admin commands (imeiguard status --help)
        """;
}
