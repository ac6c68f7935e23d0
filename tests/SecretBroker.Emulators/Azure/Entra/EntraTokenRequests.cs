using System.Collections.Concurrent;

namespace SecretBroker.Emulators.Azure.Entra;

/// <summary>Every token request Entra answered, in arrival order (<see cref="EntraTokenRequest"/>).</summary>
public sealed class EntraTokenRequests
{
    private readonly ConcurrentQueue<EntraTokenRequest> _requests = new();

    internal void Add(EntraTokenRequest request) => _requests.Enqueue(request);

    /// <summary>All requests so far, oldest first.</summary>
    public IReadOnlyList<EntraTokenRequest> All() => [.. _requests];

    /// <summary>The requests that were answered with an access token, oldest first.</summary>
    public IReadOnlyList<EntraTokenRequest> Issued() => [.. _requests.Where(r => r.AccessToken is not null)];
}
