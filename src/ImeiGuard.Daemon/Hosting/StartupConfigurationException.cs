namespace ImeiGuard.Daemon.Hosting;

/// <summary>
/// A setting the daemon cannot start with (a missing certificate, an unreadable secrets directory). Program prints
/// its message as one line and exits, instead of an unhandled exception's stack trace: the operator needs the
/// setting and the file, not the call chain.
/// </summary>
internal sealed class StartupConfigurationException(string message, Exception? inner = null) : Exception(message, inner);
