namespace SecretBroker.EndToEnd.Tests.Azure;

/// <summary>
/// Canary secret values for the Azure tests, and the check that none of them, no projected token the Azure volume
/// held and no access token Entra issued reached the sidecar's output (or a file, with <see cref="FilesContaining"/>).
/// </summary>
internal static class AzureCanary
{
    /// <summary>All canaries share this prefix, so one search finds any of them.</summary>
    public const string Prefix = "kv_canary";

    /// <summary>A fresh canary value; <paramref name="label"/> says which one it is when an assertion fails.</summary>
    public static string New(string label) => $"{Prefix}_{label}_MUST_NOT_BE_LOGGED_{Guid.NewGuid():N}";

    /// <summary>Everything that must not leak: the canary prefix, every projected token, every access token issued.</summary>
    public static IReadOnlyList<(string What, string Needle)> Needles(AzureCloudSetup setup)
    {
        List<(string, string)> needles = [("a canary value", Prefix)];
        needles.AddRange(setup.ProjectedTokens.Select(t => ("a projected token", t)));
        needles.AddRange(setup.Cloud.Azure.TokenRequests.Issued().Select(r => ("an Entra access token", r.AccessToken!)));

        // A JWT's signature alone is as good as the token to a log reader: look for that too.
        needles.AddRange(setup.ProjectedTokens.Concat(setup.Cloud.Azure.TokenRequests.Issued().Select(r => r.AccessToken!))
            .Select(t => ("a token signature", t[(t.LastIndexOf('.') + 1)..])));
        return needles;
    }

    public static void AssertNoLeak(string output, AzureCloudSetup setup, bool expectTokens = true)
    {
        if (expectTokens)
        {
            Assert.NotEmpty(setup.Cloud.Azure.TokenRequests.Issued());
        }

        foreach ((string what, string needle) in Needles(setup))
        {
            Assert.False(output.Contains(needle, StringComparison.Ordinal), $"{what} appears in the output");
        }
    }

    /// <summary>Regular files under <paramref name="roots"/> written since <paramref name="since"/> that hold any needle.</summary>
    public static IEnumerable<(string File, string What)> FilesContaining(IReadOnlyList<(string What, string Needle)> needles, IEnumerable<string> roots, DateTime since)
    {
        EnumerationOptions options = new() { RecurseSubdirectories = true, IgnoreInaccessible = true, AttributesToSkip = FileAttributes.ReparsePoint };
        foreach (string root in roots.Distinct().Where(Directory.Exists))
        {
            foreach (string file in Directory.EnumerateFiles(root, "*", options))
            {
                string text;
                try
                {
                    FileInfo info = new(file);

                    // Length 0 also skips FIFOs and sockets (the runtime's /tmp/clr-debug-pipe-*), whose open would block.
                    if (info.LastWriteTimeUtc < since.AddSeconds(-2) || info.Length == 0 || info.Length > 16 * 1024 * 1024)
                    {
                        continue;
                    }

                    text = File.ReadAllText(file);
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                {
                    continue;
                }

                foreach ((string what, string needle) in needles)
                {
                    if (text.Contains(needle, StringComparison.Ordinal))
                    {
                        yield return (file, what);
                    }
                }
            }
        }
    }
}
