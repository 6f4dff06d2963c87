using System.Security.Cryptography;
using ImeiGuard.Daemon.ControlPlane;

namespace ImeiGuard.Daemon.Hosting;

/// <summary>
/// Builds the key ring from configuration; with no key configured, creates (once) a random admin key in
/// the data directory readable only by the daemon's user, so a fresh install is never open.
/// </summary>
internal static class ApiKeyBootstrap
{
    public const string BootstrapFileName = "admin.key";

    public static ApiKeyRing Build(ControlPlaneOptions options, string dataDirectory, out string? bootstrapPath)
    {
        bootstrapPath = null;
        var keys = new List<ApiKey>();
        foreach (var k in options.ApiKeys)
        {
            var secret = k.KeyFile is { Length: > 0 } file ? File.ReadAllText(file).Trim() : k.Key;
            if (string.IsNullOrEmpty(secret) || secret.Length < 16)
            {
                throw new InvalidOperationException($"ImeiGuard:ControlPlane:ApiKeys: key '{k.Name}' needs a Key or KeyFile of at least 16 characters.");
            }

            // Bearer tokens are told apart by shape: three dot-separated segments go to JWT validation.
            if (secret.Count(static c => c == '.') == 2)
            {
                throw new InvalidOperationException($"ImeiGuard:ControlPlane:ApiKeys: key '{k.Name}' has the shape of a JWT (two dots); choose another key.");
            }

            foreach (var scope in k.Scopes)
            {
                if (!Scopes.All.Contains(scope))
                {
                    throw new InvalidOperationException($"ImeiGuard:ControlPlane:ApiKeys: key '{k.Name}' has unknown scope '{scope}'.");
                }
            }

            keys.Add(new ApiKey(
                k.Name, ApiKeyRing.Digest(secret), [.. k.Scopes], string.IsNullOrEmpty(k.Tenant) ? null : k.Tenant, string.IsNullOrEmpty(k.Device) ? null : k.Device));
        }

        if (keys.Count == 0)
        {
            bootstrapPath = Path.GetFullPath(Path.Combine(dataDirectory, BootstrapFileName));
            keys.Add(new ApiKey("bootstrap-admin", ApiKeyRing.Digest(ReadOrCreate(bootstrapPath)), Scopes.All));
        }

        return new ApiKeyRing(keys);
    }

    private static string ReadOrCreate(string path) =>
        OwnerOnlyFile.ReadOrCreate(path, static () => "igk_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24)) + "\n").Trim();
}
