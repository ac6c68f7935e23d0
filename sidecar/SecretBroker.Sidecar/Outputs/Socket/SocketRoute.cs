namespace SecretBroker.Sidecar.Outputs.Socket;

/// <summary>The socket API's routes.</summary>
internal enum SocketRouteKind
{
    NotFound,
    Health,
    Ready,
    List,
    Secret,
}

/// <summary>
/// A request path mapped to a route, by hand (no routing middleware: this runs on every request). A secret name must
/// pass <see cref="SecretName.IsValid"/>, so nothing with a slash, a percent sign or a leading dot ever reaches a
/// lookup: <c>..</c>, <c>%2e%2e</c> and <c>a/b</c> are all simply unknown names (404).
/// </summary>
internal readonly record struct SocketRoute(SocketRouteKind Kind, string? Name = null)
{
    private const string SecretsPath = "/v1/secrets";

    public static SocketRoute Parse(string? path)
    {
        switch (path)
        {
            case "/healthz":
                return new(SocketRouteKind.Health);
            case "/readyz":
                return new(SocketRouteKind.Ready);
            case SecretsPath:
                return new(SocketRouteKind.List);
        }

        if (path is null || path.Length <= SecretsPath.Length + 1
            || !path.StartsWith(SecretsPath, StringComparison.Ordinal) || path[SecretsPath.Length] != '/')
        {
            return new(SocketRouteKind.NotFound);
        }

        string name = path[(SecretsPath.Length + 1)..];
        return SecretName.IsValid(name) ? new(SocketRouteKind.Secret, name) : new(SocketRouteKind.NotFound);
    }
}
