namespace SecretBroker.Azure.Tests.Fakes;

/// <summary>One request as it left the backend, and the status it met.</summary>
/// <param name="Service"><c>entra</c> or <c>keyvault</c>.</param>
/// <param name="Method">The HTTP method.</param>
/// <param name="Path">The path without the query.</param>
/// <param name="Status">The answer's status code.</param>
internal sealed record WireRequest(string Service, string Method, string Path, int Status)
{
    /// <summary>A read of one secret: <c>GET /secrets/{name}[/{version}]</c>.</summary>
    public bool IsSecretGet => Service == "keyvault" && Method == "GET" && Path.StartsWith("/secrets/", StringComparison.Ordinal) && Path.Length > "/secrets/".Length;

    /// <summary>A page of the listing: <c>GET /secrets</c>.</summary>
    public bool IsListPage => Service == "keyvault" && Method == "GET" && Path.TrimEnd('/') == "/secrets";
}
