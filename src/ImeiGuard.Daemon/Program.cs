using ImeiGuard.Daemon.Camara;
using ImeiGuard.Daemon.Cli;
using ImeiGuard.Daemon.ControlPlane;
using ImeiGuard.Daemon.ControlPlane.Auth;
using ImeiGuard.Daemon.Hosting;
using ImeiGuard.Daemon.Replay;
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

// Settings come from appsettings.json next to the executable, then environment variables
// (IMEIGUARD_ prefix, "__" for ":"), then the command line (--ImeiGuard:Radius:Port=11813).
// --ConfigFile=PATH (or IMEIGUARD_ConfigFile) adds a JSON settings file between appsettings.json and those.
var builder = WebApplication.CreateBuilder(new WebApplicationOptions
{
    Args = args,
    ContentRootPath = AppContext.BaseDirectory,
});
builder.Configuration.AddEnvironmentVariables("IMEIGUARD_");
builder.Configuration.AddCommandLine(args);
if (builder.Configuration["ConfigFile"] is { Length: > 0 } configFile)
{
    // An operator's settings file (mounted ConfigMap, systemd credential) sits above appsettings.json;
    // environment and command line are added again so that they still win over it.
    builder.Configuration.AddJsonFile(configFile, optional: false, reloadOnChange: false);
    builder.Configuration.AddEnvironmentVariables("IMEIGUARD_");
    builder.Configuration.AddCommandLine(args);
}
builder.WebHost.ConfigureKestrel(static k => k.Limits.MaxRequestBodySize = 1024 * 1024);
builder.Services.AddImeiGuard(builder.Configuration.GetSection("ImeiGuard").Get<ImeiGuardOptions>()?.UsesRedis ?? false);

var app = builder.Build();
app.UseCamaraCorrelator();
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
