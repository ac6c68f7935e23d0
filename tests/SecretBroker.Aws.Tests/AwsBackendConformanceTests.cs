using System.Net;
using System.Text.Json;
using SecretBroker.Aws.Tests.Fakes;
using SecretBroker.Backends;
using SecretBroker.Testing.Backends;
using Xunit.Abstractions;

namespace SecretBroker.Aws.Tests;

/// <summary>
/// The Secrets Manager backend (batch mode; <see cref="AwsProbeModeConformanceTests"/> runs probe mode) against the
/// shared backend conformance suite, over <see cref="FakeSecretsManager"/> (every request's wire shape and signature
/// checked) answering from a small in-memory store.
/// </summary>
#pragma warning disable CA1001 // The fake is disposed in DisposeStoreAsync (xunit's IAsyncLifetime), after the backend.
public class AwsBackendConformanceTests : SecretBackendConformanceTests
#pragma warning restore CA1001
{
    private const string NotFound = "Secrets Manager can't find the specified secret.";

    private readonly Lock _gate = new();
    private readonly Dictionary<string, (string Value, string VersionId)> _secrets = new(StringComparer.Ordinal);
    private readonly HashSet<string> _broken = new(StringComparer.Ordinal);
    private readonly HashSet<string> _changing = new(StringComparer.Ordinal);
    private readonly FakeSecretsManager _fake;
    private readonly AwsRefreshMode _mode;
    private TaskCompletionSource? _held;
    private int _reads;

    public AwsBackendConformanceTests(ITestOutputHelper output)
        : this(output, AwsRefreshMode.Batch)
    {
    }

    protected AwsBackendConformanceTests(ITestOutputHelper output, AwsRefreshMode mode)
        : base(output)
    {
        _mode = mode;
        _fake = new FakeSecretsManager { Respond = Answer };
    }

    protected override long? CallsSoFar => _fake.Requests.Count;

    protected override IReadOnlyList<int>? GroupsPerCall =>
        [.. _fake.Requests.Select(static r => r.Operation == "BatchGetSecretValue" ? r.SecretIdList().Length : 1)];

    // A stage other than AWSCURRENT: read with GetSecretValue, once per (id, stage). The fake serves every stage the current value.
    protected override string? VersionSelector => "AWSPREVIOUS";

    protected override ISecretBackend CreateBackend() => TestBackends.Create(_fake, _mode);

    protected override Task PutSecretAsync(string id, string value)
    {
        lock (_gate)
        {
            _secrets[id] = (value, Guid.NewGuid().ToString());
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
            _changing.Add(id);
        }

        return Task.FromResult(true);
    }

    protected override Task? HoldCalls()
    {
        var held = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _held = held;
        return held.Task;
    }

    protected override Task DisposeStoreAsync()
    {
        _fake.Dispose();
        return Task.CompletedTask;
    }

    private HttpResponseMessage Answer(RecordedRequest request)
    {
        if (_held is { } held)
        {
            // Headers now, a body that never comes: the client waits on it with the call's token.
            held.TrySetResult();
            return new HttpResponseMessage(HttpStatusCode.OK) { Content = new NeverEndingContent() };
        }

        lock (_gate)
        {
            if (request.Operation == "DescribeSecret")
            {
                return Describe(request.SecretId());
            }

            if (request.Operation == "GetSecretValue")
            {
                string id = request.SecretId();
                if (_broken.Contains(id))
                {
                    return Truncated([id]);
                }

                return Read(id) is { } value ? FakeSecretsManager.Json(value) : FakeSecretsManager.Error("ResourceNotFoundException", NotFound);
            }

            string[] ids = request.SecretIdList();
            if (ids.Any(_broken.Contains))
            {
                return Truncated(ids);
            }

            string[] values = [.. ids.Select(Read).OfType<string>()];
            string[] errors = [.. ids.Where(id => !_secrets.ContainsKey(id) && !_changing.Contains(id))
                .Select(static id => $$"""{"SecretId":{{JsonSerializer.Serialize(id)}},"ErrorCode":"ResourceNotFoundException","Message":"{{NotFound}}"}""")];
            return FakeSecretsManager.Json($$"""{"SecretValues":[{{string.Join(",", values)}}],"Errors":[{{string.Join(",", errors)}}]}""");
        }
    }

    /// <summary>One secret value as the service returns it, or null when there is no such secret.</summary>
    private string? Read(string id)
    {
        if (_changing.Contains(id))
        {
            int read = ++_reads;
            return TestBackends.Value(id, $"read-{read}", Guid.NewGuid().ToString());
        }

        return _secrets.TryGetValue(id, out (string Value, string VersionId) secret) ? TestBackends.Value(id, secret.Value, secret.VersionId) : null;
    }

    /// <summary>DescribeSecret: which version id holds AWSCURRENT (no value).</summary>
    private HttpResponseMessage Describe(string id)
    {
        if (_broken.Contains(id))
        {
            return FakeSecretsManager.Error("InternalServiceError", "An error occurred on the server side.", HttpStatusCode.InternalServerError);
        }

        string? versionId = _changing.Contains(id) ? Guid.NewGuid().ToString() : _secrets.TryGetValue(id, out var secret) ? secret.VersionId : null;
        return versionId is null
            ? FakeSecretsManager.Error("ResourceNotFoundException", NotFound)
            : FakeSecretsManager.Json($$$"""{"ARN":"arn:aws:secretsmanager:us-west-2:111122223333:secret:{{{id}}}-Ab12Cd","Name":"{{{id}}}","VersionIdsToStages":{"{{{versionId}}}":["AWSCURRENT"]}}""");
    }

    /// <summary>A broken answer that carries the values: the connection dropped mid-body.</summary>
    private HttpResponseMessage Truncated(string[] ids)
    {
        string body = string.Join(",", ids.Select(id => _secrets.TryGetValue(id, out var s) ? $$"""{"Name":"{{id}}","VersionId":"{{s.VersionId}}","SecretString":{{JsonSerializer.Serialize(s.Value)}}""" : string.Empty));
        return FakeSecretsManager.Json(body[..^1]);
    }

    private sealed class NeverEndingContent : HttpContent
    {
        protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) =>
            SerializeToStreamAsync(stream, context, CancellationToken.None);

        protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context, CancellationToken cancellationToken) =>
            Task.Delay(Timeout.InfiniteTimeSpan, cancellationToken);

        protected override bool TryComputeLength(out long length)
        {
            length = 0;
            return false;
        }
    }
}
