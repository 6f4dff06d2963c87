namespace ImeiGuard.Daemon.Hosting;

/// <summary>
/// Where settings come from, lowest first: appsettings.json next to the executable; the operator's settings file
/// (--ConfigFile); the secrets directory, one file per key; environment variables (IMEIGUARD_ prefix, "__" for ":");
/// the command line. Environment and command line are added again after the two optional sources, so they still win.
/// </summary>
internal static class ConfigurationSources
{
    /// <summary>The secrets directory's setting; the variable below names it too, as container platforms set it.</summary>
    public const string SecretsDirectoryKey = "ImeiGuard:SecretsDirectory";
    public const string SecretsDirectoryVariable = "IMEIGUARD_SECRETS_DIR";

    public static void AddOperatorSources(this ConfigurationManager configuration, string[] args)
    {
        configuration.AddEnvironmentVariables("IMEIGUARD_");
        configuration.AddCommandLine(args);
        var configFile = configuration["ConfigFile"];
        if (configFile is { Length: > 0 })
        {
            // A mounted ConfigMap or systemd credential; it may name the secrets directory itself.
            configuration.AddJsonFile(configFile, optional: false, reloadOnChange: false);
        }

        var secrets = configuration[SecretsDirectoryKey] is { Length: > 0 } configured ? configured : Environment.GetEnvironmentVariable(SecretsDirectoryVariable);
        if (secrets is { Length: > 0 })
        {
            // Kubernetes secret volumes and systemd's $CREDENTIALS_DIRECTORY hold one file per secret; the file name is the
            // setting with "__" for ":" (ImeiGuard__ControlPlane__Tls__Password), the content its value (one trailing newline
            // dropped). Dot-files, such as Kubernetes' ..data links, are skipped.
            if (!Directory.Exists(secrets))
            {
                throw new StartupConfigurationException($"{SecretsDirectoryKey} ({SecretsDirectoryVariable}): directory '{secrets}' does not exist or cannot be read");
            }

            configuration.AddKeyPerFile(Path.GetFullPath(secrets), optional: false);
        }

        if (configFile is { Length: > 0 } || secrets is { Length: > 0 })
        {
            configuration.AddEnvironmentVariables("IMEIGUARD_");
            configuration.AddCommandLine(args);
        }
    }
}
