namespace SecretBroker.EndToEnd.Tests.Infrastructure;

/// <summary>
/// Sets <c>AWS_CONTAINER_CREDENTIALS_FULL_URI</c> and <c>AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE</c> in this process
/// (the AWS SDK for .NET's container provider reads nothing else) and restores the previous values when disposed.
/// Use only inside the <see cref="ProcessEnvironment"/> collection.
/// </summary>
public sealed class ContainerCredentialsVariables : IDisposable
{
    private const string FullUri = "AWS_CONTAINER_CREDENTIALS_FULL_URI";
    private const string TokenFile = "AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE";
    private readonly string? previousUri;
    private readonly string? previousTokenFile;

    private ContainerCredentialsVariables(Uri route, string tokenFile)
    {
        previousUri = Environment.GetEnvironmentVariable(FullUri);
        previousTokenFile = Environment.GetEnvironmentVariable(TokenFile);
        Environment.SetEnvironmentVariable(FullUri, route.ToString());
        Environment.SetEnvironmentVariable(TokenFile, tokenFile);
    }

    public static ContainerCredentialsVariables Set(Uri route, string tokenFile) => new(route, tokenFile);

    public void Dispose()
    {
        Environment.SetEnvironmentVariable(FullUri, previousUri);
        Environment.SetEnvironmentVariable(TokenFile, previousTokenFile);
    }
}
