using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace SecretBroker.Configuration.Tests.Fakes;

/// <summary>
/// A stand-in for the sidecar's socket API (routes and status codes per the contract): list, get with ETag, and
/// If-None-Match + ?wait long polls. Can be stopped and started again on the same path, like a restarted sidecar.
/// </summary>
internal sealed class FakeSidecarServer : IAsyncDisposable
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, (byte[] Value, int Version)> _secrets = new(StringComparer.Ordinal);
    private readonly HashSet<string> _expired = new(StringComparer.Ordinal);
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private WebApplication? _app;
    private CancellationTokenSource _stopping = new();

    public string SocketPath { get; } = $"/dev/shm/sb-fake-{Guid.NewGuid():N}.sock";

    public int Requests;

    private int _active;
    private TaskCompletionSource _activeChanged = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public bool Ready { get; set; } = true;

    public void Set(string name, string value) => Set(name, System.Text.Encoding.UTF8.GetBytes(value));

    /// <summary>Sets a value; every call is a new version, even with the same bytes (as a re-fetch that found a new version id).</summary>
    public void Set(string name, byte[] value)
    {
        lock (_gate)
        {
            int version = _secrets.TryGetValue(name, out var old) ? old.Version + 1 : 1;
            _secrets[name] = (value, version);
            _expired.Remove(name);
            _changed.TrySetResult();
            _changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }
    }

    /// <summary>
    /// Withdraws a secret as the sidecar does when its lease ended: off the list, and a read answers 503
    /// <c>lease-ended</c> (at once for a client holding a version, else when its wait passes).
    /// </summary>
    public void Expire(string name)
    {
        lock (_gate)
        {
            _secrets.Remove(name);
            _expired.Add(name);
            _changed.TrySetResult();
            _changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }
    }

    public async Task StartAsync()
    {
        File.Delete(SocketPath);
        _stopping = new CancellationTokenSource();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.ListenUnixSocket(SocketPath));
        _app = builder.Build();
        _app.Run(HandleAsync);
        await _app.StartAsync();
    }

    public async Task StopAsync()
    {
        if (_app is not null)
        {
            // Like the real sidecar: long polls are released at shutdown, not waited for.
            await _stopping.CancelAsync();
            await _app.StopAsync();
            await _app.DisposeAsync();
            _app = null;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        File.Delete(SocketPath);
    }

    /// <summary>Completes once no request is open (a client that closed its long polls), bounded by real time.</summary>
    public async Task WhenIdleAsync()
    {
        using var safety = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        while (true)
        {
            Task changed;
            lock (_gate)
            {
                if (_active == 0)
                {
                    return;
                }

                changed = _activeChanged.Task;
            }

            await changed.WaitAsync(safety.Token);
        }
    }

    private async Task HandleAsync(HttpContext context)
    {
        Interlocked.Increment(ref Requests);
        Active(+1);
        try
        {
            await ServeAsync(context);
        }
        finally
        {
            Active(-1);
        }
    }

    private void Active(int delta)
    {
        lock (_gate)
        {
            _active += delta;
            _activeChanged.TrySetResult();
            _activeChanged = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }
    }

    private async Task ServeAsync(HttpContext context)
    {
        string path = context.Request.Path.Value ?? string.Empty;
        if (path == "/readyz")
        {
            // Like the sidecar with required secrets: not ready while one is withdrawn.
            lock (_gate)
            {
                context.Response.StatusCode = Ready && _expired.Count == 0 ? 200 : 503;
            }

            return;
        }

        if (path == "/v1/secrets")
        {
            context.Response.ContentType = "application/json";
            List<object> list;
            lock (_gate)
            {
                list = [.. _secrets.Select(s => new Dictionary<string, object> { ["name"] = s.Key, ["version"] = V(s.Value.Version), ["stale"] = false })];
            }

            await context.Response.WriteAsync(JsonSerializer.Serialize(list));
            return;
        }

        string name = path["/v1/secrets/".Length..];
        int wait = int.TryParse(context.Request.Query["wait"], out int w) ? w : 0;
        string? ifNoneMatch = context.Request.Headers.IfNoneMatch.FirstOrDefault()?.Trim('"');
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, _stopping.Token);
        deadline.CancelAfter(TimeSpan.FromSeconds(wait));
        while (true)
        {
            Task changed;
            (byte[] Value, int Version) secret;
            bool expired;
            lock (_gate)
            {
                if (!Ready)
                {
                    context.Response.StatusCode = 503;
                    return;
                }

                changed = _changed.Task;
                expired = _expired.Contains(name);
            }

            if (expired)
            {
                if (ifNoneMatch is null && wait > 0 && await ChangedBeforeAsync(changed, deadline.Token))
                {
                    continue;
                }

                context.Response.StatusCode = 503;
                context.Response.ContentType = "application/problem+json";
                await context.Response.WriteAsync("""{"type":"urn:secretbroker:problem:lease-ended","title":"Lease ended","status":503,"detail":"The lease ended."}""");
                return;
            }

            lock (_gate)
            {
                if (!_secrets.TryGetValue(name, out secret))
                {
                    context.Response.StatusCode = 404;
                    return;
                }

                changed = _changed.Task;
            }

            if (ifNoneMatch != V(secret.Version))
            {
                context.Response.Headers.ETag = $"\"{V(secret.Version)}\"";
                context.Response.ContentType = "application/octet-stream";
                await context.Response.Body.WriteAsync(secret.Value);
                return;
            }

            try
            {
                await changed.WaitAsync(deadline.Token);
            }
            catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
            {
                context.Abort();
                return;
            }
            catch (OperationCanceledException)
            {
                context.Response.StatusCode = 304;
                return;
            }
        }
    }

    private static async Task<bool> ChangedBeforeAsync(Task changed, CancellationToken deadline)
    {
        try
        {
            await changed.WaitAsync(deadline);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    private static string V(int version) => "v" + version.ToString(CultureInfo.InvariantCulture);
}
