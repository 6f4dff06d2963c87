namespace ImeiGuard.IntegrationTests.Infrastructure;

/// <summary>
/// External programs the tests drive. Missing on a laptop: the test is skipped. Missing in CI
/// (CI is set): the test fails, because the README test command installs them.
/// </summary>
internal static class RequiredTool
{
    public static string Find(string name, string debianPackage)
    {
        // Servers live in /usr/sbin, which a non-login PATH may lack.
        foreach (var dir in ((Environment.GetEnvironmentVariable("PATH") ?? "") + ":/usr/sbin:/sbin").Split(Path.PathSeparator))
        {
            var candidate = Path.Combine(dir, name);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        var message = $"'{name}' is not installed (Debian package {debianPackage}; scripts/test.sh installs it)";
        if (!string.IsNullOrEmpty(Environment.GetEnvironmentVariable("CI")))
        {
            Assert.Fail(message);
        }

        Assert.Skip(message);
        return name;
    }
}
