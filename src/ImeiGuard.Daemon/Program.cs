using ImeiGuard.Daemon.Camara;
using ImeiGuard.Daemon.Cli;
using ImeiGuard.Daemon.ControlPlane;
using ImeiGuard.Daemon.ControlPlane.Auth;
using ImeiGuard.Daemon.ControlPlane.Hardening;
using ImeiGuard.Daemon.Hosting;
using ImeiGuard.Daemon.Replay;
using Microsoft.Extensions.Options;
using Prometheus;

if (args is ["--help" or "-h" or "help"])
{
    Console.WriteLine(DaemonUsage.Text);
    return 0;
}

if (args is ["replay", ..])
{
    return ReplayRuntime.ShouldRestart()
        ? await ReplayRuntime.RunWithoutTieringAsync(args)
        : await ReplayCommand.RunAsync(args[1..]);
}

if (args is [var command, ..] && AdminCli.Commands.Contains(command))
{
    return await AdminCli.RunAsync(args);
}

// Settings: appsettings.json next to the executable, --ConfigFile=PATH, the secrets directory (ImeiGuard:SecretsDirectory
// or IMEIGUARD_SECRETS_DIR, one file per key), environment variables (IMEIGUARD_ prefix, "__" for ":"), then the
// command line (--ImeiGuard:Radius:Port=11813); later sources win (Hosting/ConfigurationSources.cs).
var builder = WebApplication.CreateBuilder(new WebApplicationOptions
{
    Args = args,
    ContentRootPath = AppContext.BaseDirectory,
});
WebApplication app;
try
{
    builder.Configuration.AddOperatorSources(args);
    builder.Services.AddImeiGuard(builder.Configuration.GetSection("ImeiGuard").Get<ImeiGuardOptions>()?.UsesRedis ?? false);
    app = builder.Build();
    // Every ValidateOnStart rule now, inside this catch: the host would otherwise run them in StartAsync, and the
    // first service resolved below would meet an invalid setting as an unhandled exception with a stack trace.
    app.Services.GetRequiredService<IStartupValidator>().Validate();
    ControlPlaneHardening.CheckAtStart(app.Services, app.Logger);
}
catch (Exception ex) when (ex is StartupConfigurationException or OptionsValidationException
    || ex is AggregateException { InnerExceptions: var inner } && inner.All(static e => e is OptionsValidationException))
{
    // A setting the operator must fix: say which, in one line, without a stack trace. Several sections can be invalid
    // at once (or one read by another's rule), which the validator reports together: each distinct reason once.
    var reasons = ex is AggregateException aggregate ? aggregate.InnerExceptions.Select(static e => e.Message).Distinct() : [ex.Message];
    await Console.Error.WriteLineAsync("imeiguard: cannot start: " + string.Join("; ", reasons));
    return 1;
}

app.UseCamaraCorrelator();
app.UseAuthenticationLockout();
app.UseAuthentication();
app.UseAuthorization();
app.UseRateLimiter();
app.UseHttpMetrics();
app.MapControlPlane();

var keys = app.Services.GetRequiredService<ImeiGuard.Daemon.ControlPlane.ApiKeyRing>();
app.Logger.LogControlPlaneKeys(keys.Keys.Count, Path.GetFullPath(Path.Combine(
    app.Configuration["ImeiGuard:DataDirectory"] ?? "data", ApiKeyBootstrap.BootstrapFileName)));
// Resolving the JWT options now creates the local signing key on first start (so `token issue` can use it
// at once) and fails the start, not the first request, on an unreadable key.
app.Logger.LogJwtValidation(ControlPlaneAuthentication.Describe(app.Services));

await app.RunAsync();
return 0;
