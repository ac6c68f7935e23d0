using System.Text;
using SecretBroker.Backends;
using Xunit.Abstractions;

namespace SecretBroker.Testing.Backends;

/// <summary>
/// What every <see cref="ISecretBackend"/> owes the refresh engine, as one suite each backend's test project inherits
/// (modelled on Microsoft.Extensions.Configuration's <c>ConfigurationProviderTestBase</c>): a subclass supplies the
/// backend and a way to write its store, and runs every test here against that backend.
/// </summary>
/// <remarks>
/// <para><b>Required hooks.</b> xunit creates a fresh instance per test, so a subclass keeps its store (a temporary
/// directory, a fake service) in fields set up in its constructor and cleaned up in <see cref="DisposeStoreAsync"/>.</para>
/// <list type="bullet">
/// <item><see cref="CreateBackend"/>: the backend under test, reading the store the other hooks write. Called once per
/// test; disposed after it when it is <see cref="IDisposable"/> or <see cref="IAsyncDisposable"/>.</item>
/// <item><see cref="PutSecretAsync"/>: creates or replaces a secret's whole value, as its UTF-8 text, under an id.</item>
/// <item><see cref="BreakSecretAsync"/>: from now on every read of the id fails the way this backend's reads can fail,
/// while the value (a canary the test planted) stays where the backend reads it, or comes back in the failed answer.</item>
/// </list>
/// <para><b>Optional capabilities.</b> Where a property cannot be observed on a backend, the hook keeps its default and
/// the matching <c>…Unavailable</c> reason says why; the test still checks everything else and prints the reason.</para>
/// <list type="bullet">
/// <item><see cref="CallsSoFar"/>: calls made to the store so far (requests on the wire), to count reads.</item>
/// <item><see cref="GroupsPerCall"/>: for each call so far, how many read groups (distinct id and version) it carried.</item>
/// <item><see cref="PutValueChangingOnEveryReadAsync"/>: a secret whose value differs on every read of the store, to
/// prove that two definitions were served by one read even where reads cannot be counted.</item>
/// <item><see cref="HoldCalls"/>: makes later calls wait (honouring their token) so a test can cancel one in flight.</item>
/// <item><see cref="VersionSelector"/>: a version selector the store serves current values under, so read groups with
/// a selector are exercised too.</item>
/// </list>
/// </remarks>
public abstract partial class SecretBackendConformanceTests : IAsyncLifetime
{
    /// <summary>A value no message may ever contain.</summary>
    protected const string Canary = "CANARY-5c2e-never-print-me";

    private readonly Lazy<ISecretBackend> _backend;

    /// <summary>Creates the suite; <paramref name="output"/> receives why an optional property was not checked.</summary>
    protected SecretBackendConformanceTests(ITestOutputHelper output)
    {
        Output = output;
        _backend = new Lazy<ISecretBackend>(CreateBackend);
    }

    /// <summary>The test's output.</summary>
    protected ITestOutputHelper Output { get; }

    /// <summary>The backend under test (created on first use).</summary>
    protected ISecretBackend Backend => _backend.Value;

    /// <summary>Calls made to the store so far, or <see langword="null"/> when they cannot be counted (see <see cref="CallsUnavailable"/>).</summary>
    protected virtual long? CallsSoFar => null;

    /// <summary>Why <see cref="CallsSoFar"/> is not available.</summary>
    protected virtual string CallsUnavailable => "the subclass does not count calls";

    /// <summary>Read groups carried by each call so far, or <see langword="null"/> when calls are not observable (see <see cref="GroupsPerCallUnavailable"/>).</summary>
    protected virtual IReadOnlyList<int>? GroupsPerCall => null;

    /// <summary>Why <see cref="GroupsPerCall"/> is not available.</summary>
    protected virtual string GroupsPerCallUnavailable => "the subclass does not expose its calls";

    /// <summary>Why <see cref="PutValueChangingOnEveryReadAsync"/> is not available (when it returns <see langword="false"/>).</summary>
    protected virtual string ChangingValueUnavailable => "the subclass cannot make a value change on every read";

    /// <summary>Why <see cref="HoldCalls"/> is not available (when it returns <see langword="null"/>).</summary>
    protected virtual string HoldUnavailable => "the subclass cannot hold a call in flight";

    /// <summary>A version selector the store serves current values under, or <see langword="null"/> for none.</summary>
    protected virtual string? VersionSelector => null;

    /// <summary>The backend under test, reading the store the other hooks write.</summary>
    protected abstract ISecretBackend CreateBackend();

    /// <summary>Creates or replaces the whole value of <paramref name="id"/> (written as UTF-8).</summary>
    protected abstract Task PutSecretAsync(string id, string value);

    /// <summary>Makes every later read of <paramref name="id"/> fail while its value stays within the backend's reach.</summary>
    protected abstract Task BreakSecretAsync(string id);

    /// <summary>
    /// Puts <paramref name="id"/> with a value that differs on every read of the store; <see langword="false"/> when
    /// the store cannot do that (see <see cref="ChangingValueUnavailable"/>).
    /// </summary>
    protected virtual Task<bool> PutValueChangingOnEveryReadAsync(string id) => Task.FromResult(false);

    /// <summary>
    /// Makes every later call wait until its token is cancelled; returns a task that completes once a call is held, or
    /// <see langword="null"/> when the backend has no in-flight wait to hold (see <see cref="HoldUnavailable"/>).
    /// </summary>
    protected virtual Task? HoldCalls() => null;

    /// <summary>Releases the store (after the backend is disposed).</summary>
    protected virtual Task DisposeStoreAsync() => Task.CompletedTask;

    /// <inheritdoc />
    public Task InitializeAsync() => Task.CompletedTask;

    /// <inheritdoc />
    public async Task DisposeAsync()
    {
        if (_backend.IsValueCreated)
        {
            switch (_backend.Value)
            {
                case IAsyncDisposable asyncDisposable:
                    await asyncDisposable.DisposeAsync();
                    break;
                case IDisposable disposable:
                    disposable.Dispose();
                    break;
            }
        }

        await DisposeStoreAsync();
    }

    /// <summary>A definition of this suite (the backend name is not the backend's concern).</summary>
    protected static SecretDefinition Definition(string name, string id, string? key = null, string? version = null) =>
        new(name, "conformance", id, TimeSpan.FromMinutes(5)) { Key = key, Version = version };

    /// <summary>One fetch, bounded in time so a hung backend fails the test instead of hanging it.</summary>
    protected async Task<IReadOnlyList<SecretFetchResult>> FetchAsync(params SecretDefinition[] definitions)
    {
        IReadOnlyList<SecretFetchResult> results = await Backend.FetchAsync(definitions, CancellationToken.None).AsTask().WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(definitions.Select(static d => d.Name).Order(StringComparer.Ordinal), results.Select(static r => r.Name).Order(StringComparer.Ordinal));
        return results;
    }

    /// <summary>The failure of fetching <paramref name="definition"/> alone: a failed result, or the whole call's exception.</summary>
    protected async Task<SecretBackendException> FailureOfAsync(SecretDefinition definition)
    {
        try
        {
            SecretFetchResult result = Assert.Single(await FetchAsync(definition));
            Assert.False(result.Succeeded, $"'{definition.Name}' was expected to fail");
            return result.Error;
        }
        catch (SecretBackendException whole)
        {
            return whole;
        }
    }

    /// <summary>The text of a successful result.</summary>
    protected static string Text(SecretFetchResult result)
    {
        Assert.True(result.Succeeded, result.Error?.Message);
        return Encoding.UTF8.GetString(result.Value.Span);
    }

    /// <summary>Everything an exception would show in a log: its full text and every inner exception's.</summary>
    protected static string Describe(Exception? exception) => exception switch
    {
        null => string.Empty,
        AggregateException aggregate => aggregate.ToString() + string.Concat(aggregate.InnerExceptions.Select(Describe)),
        _ => exception.ToString() + Describe(exception.InnerException),
    };

    /// <summary>Prints why an optional property was not checked on this backend.</summary>
    protected void NotChecked(string property, string reason) => Output.WriteLine($"{GetType().Name}: not checked: {property}: {reason}");
}
