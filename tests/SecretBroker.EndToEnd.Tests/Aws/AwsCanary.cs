namespace SecretBroker.EndToEnd.Tests.Aws;

/// <summary>
/// Canary secret values for the AWS tests, and the check that none of them, nor any key, session token or projected
/// token the local cloud issued, reached the sidecar's output.
/// </summary>
internal static class AwsCanary
{
    /// <summary>All canaries share this prefix, so one search finds any of them.</summary>
    public const string Prefix = "hf_canary";

    /// <summary>A fresh canary value; <paramref name="label"/> says which one it is when an assertion fails.</summary>
    public static string New(string label) => $"{Prefix}_{label}_MUST_NOT_BE_LOGGED_{Guid.NewGuid():N}";

    public static void AssertNoLeak(string output, AwsCloudSetup setup)
    {
        IReadOnlyList<Emulators.Sessions.Session> sessions = setup.Cloud.Sessions.All();
        Assert.NotEmpty(sessions);
        Assert.DoesNotContain(Prefix, output, StringComparison.Ordinal);
        foreach (Emulators.Sessions.Session session in sessions)
        {
            Assert.DoesNotContain(session.SecretAccessKey, output, StringComparison.Ordinal);
            Assert.DoesNotContain(session.SessionToken, output, StringComparison.Ordinal);
        }

        Assert.DoesNotContain(setup.Cloud.IrsaToken.Current, output, StringComparison.Ordinal);
        Assert.DoesNotContain(setup.Cloud.PodIdentityToken.Current, output, StringComparison.Ordinal);
    }
}
