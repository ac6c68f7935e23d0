using System.Text;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Primitives;

namespace SecretBroker.Testing.Configuration;

/// <summary>
/// What every SecretBroker <see cref="IConfigurationProvider"/> owes an app, as one suite each provider's tests inherit
/// (modelled on Microsoft.Extensions.Configuration's <c>ConfigurationProviderTestBase</c>): keys, prefix, JSON
/// flattening, binary values, a reload token that fires exactly once per real change, the last good data kept on a
/// failure, and no work after disposal. The sidecar provider runs it in files and socket mode; the direct provider
/// (<c>AddSecretBroker</c>) inherits it the same way.
/// </summary>
/// <remarks>
/// <para>xunit creates a fresh instance per test: keep the source (a directory, a fake sidecar, a fake backend) and the
/// clock in fields, and release them in <see cref="IAsyncLifetime.DisposeAsync"/>. The hooks:</para>
/// <list type="bullet">
/// <item><see cref="BuildAsync"/> (called once per test): puts the secrets (name → bytes; names follow the sidecar's
/// secret-name rule, so they are valid definition names) at the source and builds a root with one SecretBroker
/// provider using <see cref="ConfigurationProviderSettings"/>; returns once the first load is done and the provider is
/// watching. Direct provider: a fake backend holding the values, one definition per name (id = name, a refresh
/// interval), the suite's clock as <c>TimeProvider</c>.</item>
/// <item><see cref="SetSecretAsync"/>: writes one secret's value at the source. The same bytes again is a rewrite that
/// must not fire the reload token: a new files generation, a new sidecar version, or (direct) the backend answering
/// the same bytes under a new version — keys and bytes decide a change, not versions.</item>
/// <item><see cref="BreakSourceAsync"/>: makes every later read fail: the directory gone, the sidecar stopped, or
/// (direct) the backend throwing transient errors.</item>
/// <item><see cref="PollAsync"/>: returns once the provider has read the source after the latest
/// <see cref="SetSecretAsync"/> or <see cref="BreakSourceAsync"/> (or after this call, if neither came since the last
/// poll) and applied the result or reported the failure; advance a fake clock to wake it, never sleep. Direct provider:
/// advance the clock to the engine's next refresh and wait for the cycle to complete.</item>
/// <item><see cref="SourceReads"/>: how many times the provider has read the source so far (polls, requests, backend calls).</item>
/// <item><see cref="AdvanceTimeAsync"/>: moves the provider's clock forward; anything the move wakes has run when it returns.</item>
/// <item><see cref="WhenSourceIdleAsync"/> (optional): completes once nothing the provider opened at the source is still
/// open (a socket's long polls closed); fails when that does not happen in bounded time. Default: nothing to wait for.</item>
/// </list>
/// </remarks>
public abstract class ConfigurationProviderConformanceTests : IAsyncLifetime
{
    private const string JsonObject = """{"user":"app","port":5432,"tags":["a","b"],"nested":{"deep":true}}""";

    private static readonly TimeSpan Safety = TimeSpan.FromSeconds(10);

    /// <summary>How many times the provider has read the source so far.</summary>
    protected abstract long SourceReads { get; }

    /// <summary>Puts <paramref name="secrets"/> at the source and builds a root over them; the first load is done on return.</summary>
    protected abstract Task<IConfigurationRoot> BuildAsync(IReadOnlyDictionary<string, byte[]> secrets, ConfigurationProviderSettings settings);

    /// <summary>Writes one secret's value at the source.</summary>
    protected abstract Task SetSecretAsync(string name, byte[] value);

    /// <summary>Makes every later read of the source fail.</summary>
    protected abstract Task BreakSourceAsync();

    /// <summary>Returns once the provider has read the source after the latest change or break and applied what it found.</summary>
    protected abstract Task PollAsync();

    /// <summary>Moves the provider's clock forward.</summary>
    protected abstract Task AdvanceTimeAsync(TimeSpan by);

    /// <summary>Completes once no read the provider started is still open at the source.</summary>
    protected virtual Task WhenSourceIdleAsync() => Task.CompletedTask;

    /// <inheritdoc />
    public virtual Task InitializeAsync() => Task.CompletedTask;

    /// <inheritdoc />
    public virtual Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Secret_names_become_keys_with_double_dash_as_the_section_separator()
    {
        using Root root = await StartAsync(new Dictionary<string, string> { ["huggingface--token"] = "hf_1", ["openai-key"] = "sk_1", ["db--main--password"] = "pw" });

        Assert.Equal("hf_1", root.Configuration["huggingface:token"]);
        Assert.Equal("sk_1", root.Configuration["openai-key"]);
        Assert.Equal("pw", root.Configuration.GetSection("db").GetSection("main")["password"]);
        Assert.Null(root.Configuration["huggingface--token"]);
        Assert.Equal(["db", "huggingface", "openai-key"], root.Configuration.GetChildren().Select(static c => c.Key).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task A_prefix_puts_every_key_under_its_section()
    {
        using Root root = await StartAsync(new Dictionary<string, string> { ["huggingface--token"] = "hf_1", ["plain"] = "p" }, new ConfigurationProviderSettings { Prefix = "Secrets" });

        Assert.Equal("hf_1", root.Configuration["Secrets:huggingface:token"]);
        Assert.Equal("p", root.Configuration["Secrets:plain"]);
        Assert.Null(root.Configuration["huggingface:token"]);
        Assert.Equal(["Secrets"], root.Configuration.GetChildren().Select(static c => c.Key));
    }

    [Fact]
    public async Task JSON_objects_become_sections_when_flattening_is_asked_for()
    {
        using Root root = await StartAsync(JsonSecrets(), new ConfigurationProviderSettings { FlattenJson = true });

        Assert.Equal("app", root.Configuration["db:user"]);
        Assert.Equal("5432", root.Configuration["db:port"]);
        Assert.Equal("b", root.Configuration["db:tags:1"]);
        Assert.Equal("true", root.Configuration["db:nested:deep"]);
        Assert.Null(root.Configuration["db"]);
        Assert.Equal("{not json", root.Configuration["text"]); // not a JSON object: one string, as without flattening
        Assert.Equal("[1,2]", root.Configuration["list"]);
    }

    [Fact]
    public async Task Without_flattening_a_JSON_value_is_one_string()
    {
        using Root root = await StartAsync(JsonSecrets());

        Assert.Equal(JsonObject, root.Configuration["db"]);
        Assert.Null(root.Configuration["db:user"]);
    }

    [Fact]
    public async Task A_UTF8_value_is_its_text_and_any_other_value_is_base64()
    {
        byte[] binary = [0xff, 0x00, 0x10, 0x80, 0xfe];
        using Root root = await StartAsync(new Dictionary<string, byte[]> { ["text"] = Encoding.UTF8.GetBytes("héllo ✓"), ["blob"] = binary });

        Assert.Equal("héllo ✓", root.Configuration["text"]);
        Assert.Equal(Convert.ToBase64String(binary), root.Configuration["blob"]);
    }

    [Fact]
    public async Task The_reload_token_fires_once_per_real_change_and_never_without_one()
    {
        using Root root = await StartAsync(new Dictionary<string, string> { ["a"] = "one", ["b"] = "x" });

        await SetAsync("a", "one");
        await PollAsync();
        Assert.Equal(0, root.Reloads);

        await SetAsync("a", "two");
        await PollAsync();
        Assert.Equal(1, root.Reloads);
        Assert.Equal("two", root.Configuration["a"]);

        await SetAsync("a", "two");
        await PollAsync();
        Assert.Equal(1, root.Reloads);

        await SetAsync("b", "y");
        await PollAsync();
        Assert.Equal(2, root.Reloads);
        Assert.Equal("y", root.Configuration["b"]);
        Assert.Equal("two", root.Configuration["a"]);
    }

    [Fact]
    public async Task The_last_good_data_stays_while_the_source_fails()
    {
        using Root root = await StartAsync(new Dictionary<string, string> { ["a"] = "kept", ["b--c"] = "also" });

        await BreakSourceAsync();
        await PollAsync();
        await PollAsync();

        Assert.Equal("kept", root.Configuration["a"]);
        Assert.Equal("also", root.Configuration["b:c"]);
        Assert.Equal(0, root.Reloads);
    }

    [Fact]
    public async Task Disposing_the_root_stops_every_read_of_the_source()
    {
        using Root root = await StartAsync(new Dictionary<string, string> { ["a"] = "one" });
        await SetAsync("a", "two");
        await PollAsync();
        Assert.Equal(1, root.Reloads);

        IDisposable disposable = Assert.IsAssignableFrom<IDisposable>(root.Configuration);
        await Task.Run(disposable.Dispose).WaitAsync(Safety);
        await WhenSourceIdleAsync().WaitAsync(Safety);
        long reads = SourceReads;
        await SetAsync("a", "three");
        await AdvanceTimeAsync(TimeSpan.FromHours(1));

        Assert.Equal(reads, SourceReads);
        Assert.Equal(1, root.Reloads);
        Assert.Equal("two", root.Configuration["a"]);
    }

    private Task SetAsync(string name, string value) => SetSecretAsync(name, Encoding.UTF8.GetBytes(value));

    private static Dictionary<string, string> JsonSecrets() => new() { ["db"] = JsonObject, ["text"] = "{not json", ["list"] = "[1,2]" };

    private Task<Root> StartAsync(Dictionary<string, string> secrets, ConfigurationProviderSettings? settings = null) =>
        StartAsync(secrets.ToDictionary(static p => p.Key, static p => Encoding.UTF8.GetBytes(p.Value), StringComparer.Ordinal), settings);

    private async Task<Root> StartAsync(Dictionary<string, byte[]> secrets, ConfigurationProviderSettings? settings = null) =>
        new(await BuildAsync(secrets, settings ?? new ConfigurationProviderSettings()).WaitAsync(Safety));

    /// <summary>A built root and a count of its reload token's firings.</summary>
    private sealed class Root : IDisposable
    {
        private readonly IDisposable _subscription;
        private int _reloads;

        public Root(IConfigurationRoot configuration)
        {
            Configuration = configuration;
            _subscription = ChangeToken.OnChange(configuration.GetReloadToken, () => Interlocked.Increment(ref _reloads));
        }

        public IConfigurationRoot Configuration { get; }

        public int Reloads => Volatile.Read(ref _reloads);

        public void Dispose()
        {
            _subscription.Dispose();
            (Configuration as IDisposable)?.Dispose();
        }
    }
}
