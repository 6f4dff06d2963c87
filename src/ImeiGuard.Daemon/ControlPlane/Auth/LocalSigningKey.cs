using System.Security.Cryptography;
using ImeiGuard.Daemon.Hosting;
using Microsoft.IdentityModel.Tokens;

namespace ImeiGuard.Daemon.ControlPlane.Auth;

/// <summary>
/// The daemon's own token key on embedded defaults: an ECDSA P-256 key pair (ES256) generated once into the
/// data directory with mode 0600, like admin.key. The daemon verifies with it; <c>imeiguard token issue</c>,
/// run by someone who can read the data directory, signs with it.
/// </summary>
internal static class LocalSigningKey
{
    public const string FileName = "jwt-signing-key.pem";

    public static string PathFor(JwtOptions options, string dataDirectory) =>
        Path.GetFullPath(options.SigningKeyFile is { Length: > 0 } file ? file : Path.Combine(dataDirectory, FileName));

    /// <summary>Loads the key, creating it when the file does not exist.</summary>
    public static ECDsaSecurityKey LoadOrCreate(string path)
    {
        var pem = OwnerOnlyFile.ReadOrCreate(path, static () =>
        {
            using var fresh = ECDsa.Create(ECCurve.NamedCurves.nistP256);
            return fresh.ExportPkcs8PrivateKeyPem() + "\n";
        });
        var key = ECDsa.Create();
        key.ImportFromPem(pem);
        if (key.KeySize != 256)
        {
            throw new InvalidOperationException($"{path}: the token signing key must be an ECDSA P-256 key (ES256).");
        }

        return new ECDsaSecurityKey(key) { KeyId = KeyIdOf(key) };
    }

    /// <summary>A stable key id: the first 16 bytes of the SHA-256 of the public key, base64url.</summary>
    private static string KeyIdOf(ECDsa key) => Base64UrlEncoder.Encode(SHA256.HashData(key.ExportSubjectPublicKeyInfo())[..16]);
}
