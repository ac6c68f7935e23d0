using Microsoft.Extensions.Time.Testing;
using SecretBroker.Backends;
using SecretBroker.HuggingFace.Internal;

namespace SecretBroker.HuggingFace.Tests.Fakes;

internal static class TestBackends
{
    public static readonly Uri Endpoint = new("https://hub.example.test");

    public static HuggingFaceOidcBackend Create(FakeHub hub, ProjectedToken token, Action<HuggingFaceOidcOptions>? configure = null, TimeProvider? time = null)
    {
        var options = new HuggingFaceOidcOptions { TokenFile = token.Path, Endpoint = Endpoint };
        configure?.Invoke(options);
        return HuggingFaceOidcBackendType.Create(options, new SecretBackendContext { Name = "hub" }, hub, time ?? new FakeTimeProvider(DateTimeOffset.UnixEpoch));
    }

    public static SecretDefinition Secret(string resource, string? name = null, string? key = null) =>
        new(name ?? "hf-" + resource.Replace('/', '-'), "hub", resource, TimeSpan.FromMinutes(5)) { Key = key };
}
