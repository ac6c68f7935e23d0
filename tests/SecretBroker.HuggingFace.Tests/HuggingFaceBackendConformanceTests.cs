using System.Net;
using SecretBroker.Backends;
using SecretBroker.HuggingFace.Tests.Fakes;
using SecretBroker.Testing.Backends;
using Xunit.Abstractions;

namespace SecretBroker.HuggingFace.Tests;

/// <summary>
/// The <c>huggingface-oidc</c> backend against the shared backend conformance suite, over <see cref="FakeHub"/>: the
/// "store" is the Hub's answer per resource (the access token it issues for the id is the value put there), a missing
/// resource is refused with <c>invalid_target</c>, a broken one with a 503. Every property applies: a value changing on
/// every read is what the Hub does anyway (a new token per exchange), and a held exchange honours its token.
/// </summary>
#pragma warning disable CA1001 // The hub and token file are disposed in DisposeStoreAsync (xunit's IAsyncLifetime), after the backend.
public sealed class HuggingFaceBackendConformanceTests : SecretBackendConformanceTests
#pragma warning restore CA1001
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, string> _issued = new(StringComparer.Ordinal);
    private readonly HashSet<string> _broken = new(StringComparer.Ordinal);
    private readonly HashSet<string> _changing = new(StringComparer.Ordinal);
    private readonly ProjectedToken _token = new();
    private readonly FakeHub _hub;
    private TaskCompletionSource? _held;
    private int _exchanges;

    public HuggingFaceBackendConformanceTests(ITestOutputHelper output)
        : base(output)
    {
        _hub = new FakeHub { Respond = AnswerAsync };
    }

    protected override long? CallsSoFar => _hub.Requests.Count;

    // One resource per exchange: every request carried one read group.
    protected override IReadOnlyList<int>? GroupsPerCall => [.. _hub.Requests.Select(static _ => 1)];

    protected override ISecretBackend CreateBackend() => TestBackends.Create(_hub, _token);

    protected override Task PutSecretAsync(string id, string value)
    {
        lock (_gate)
        {
            _issued[id] = value;
        }

        return Task.CompletedTask;
    }

    protected override Task BreakSecretAsync(string id)
    {
        lock (_gate)
        {
            _broken.Add(id);
        }

        return Task.CompletedTask;
    }

    protected override Task<bool> PutValueChangingOnEveryReadAsync(string id)
    {
        lock (_gate)
        {
            _issued[id] = "hf_jwt_moving";
            _changing.Add(id);
        }

        return Task.FromResult(true);
    }

    protected override Task? HoldCalls()
    {
        _held = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        return _held.Task;
    }

    protected override Task DisposeStoreAsync()
    {
        _hub.Dispose();
        _token.Dispose();
        return Task.CompletedTask;
    }

    private async Task<HttpResponseMessage> AnswerAsync(HubRequest request, CancellationToken cancellationToken)
    {
        Assert.Equal(_token.Current, request.SubjectToken);
        if (_held is { } held)
        {
            held.TrySetResult();
            await Task.Delay(Timeout.InfiniteTimeSpan, cancellationToken);
        }

        lock (_gate)
        {
            int exchange = ++_exchanges;
            if (_broken.Contains(request.Resource))
            {
                return FakeHub.Json("""{"error":"server_error","error_description":"the Hub is unavailable"}""", HttpStatusCode.ServiceUnavailable);
            }

            if (!_issued.TryGetValue(request.Resource, out string? value))
            {
                return FakeHub.OAuthError("invalid_target", "Repository not found");
            }

            return FakeHub.Json(System.Text.Json.Nodes.JsonValue.Create(_changing.Contains(request.Resource) ? $"{value}-{exchange}" : value) is { } token
                ? $$"""{"access_token":{{token.ToJsonString()}},"token_type":"Bearer","expires_in":3600}"""
                : "{}");
        }
    }
}
