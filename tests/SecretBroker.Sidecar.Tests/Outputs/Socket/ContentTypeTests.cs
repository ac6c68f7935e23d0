using System.Text;
using System.Text.Json;
using SecretBroker.Backends;
using SecretBroker.Sidecar.Outputs.Socket;

namespace SecretBroker.Sidecar.Tests.Outputs.Socket;

public class ContentTypeTests
{
    [Fact]
    public async Task The_json_forms_carry_the_backend_content_type_and_omit_it_when_there_is_none()
    {
        await using SocketApiFixture api = new(backend: new ContentTypeBackend());
        await api.LoadAsync();

        using JsonDocument one = JsonDocument.Parse(SocketApiFixture.Body(await api.SendAsync("/v1/secrets/hf-token", configure: r => r.Headers.Accept = "application/json")));
        using JsonDocument none = JsonDocument.Parse(SocketApiFixture.Body(await api.SendAsync("/v1/secrets/blob", configure: r => r.Headers.Accept = "application/json")));
        using JsonDocument list = JsonDocument.Parse(SocketApiFixture.Body(await api.SendAsync("/v1/secrets")));

        Assert.Equal("application/json", one.RootElement.GetProperty("contentType").GetString());
        Assert.False(none.RootElement.TryGetProperty("contentType", out _));
        JsonElement[] items = [.. list.RootElement.EnumerateArray()];
        Assert.Equal("application/json", items.Single(e => e.GetProperty("name").GetString() == "hf-token").GetProperty("contentType").GetString());
        Assert.False(items.Single(e => e.GetProperty("name").GetString() == "blob").TryGetProperty("contentType", out _));
    }

    [Fact]
    public async Task The_raw_form_stays_octet_stream_whatever_the_content_type()
    {
        await using SocketApiFixture api = new(backend: new ContentTypeBackend());
        await api.LoadAsync();

        Microsoft.AspNetCore.Http.HttpContext raw = await api.SendAsync("/v1/secrets/hf-token");

        Assert.Equal(SocketResponses.ValueContentType, raw.Response.ContentType);
        Assert.Equal("""{"token":"hf_x"}""", SocketApiFixture.Body(raw));
    }

    /// <summary>hf-token is JSON with a content type, blob has none, anything else is missing.</summary>
    private sealed class ContentTypeBackend : ISecretBackend
    {
        public SecretBackendCapabilities Capabilities => SecretBackendCapabilities.Simple;

        public ValueTask<IReadOnlyList<SecretFetchResult>> FetchAsync(IReadOnlyList<SecretDefinition> secrets, CancellationToken cancellationToken) =>
            ValueTask.FromResult<IReadOnlyList<SecretFetchResult>>([.. secrets.Select(static s => s.Id switch
            {
                "hf-token" => SecretFetchResult.Success(s.Name, Encoding.UTF8.GetBytes("""{"token":"hf_x"}"""), "v1", contentType: "application/json"),
                "blob" => SecretFetchResult.Success(s.Name, new byte[] { 1, 2 }, "v1"),
                _ => SecretFetchResult.Failure(s.Name, new SecretBackendException(SecretErrorKind.Permanent, "not found")),
            })]);

        public ValueTask<IReadOnlyList<SecretVersionProbe>> ProbeAsync(IReadOnlyList<SecretDefinition> secrets, CancellationToken cancellationToken) =>
            throw new NotSupportedException();

        public ValueTask<SecretLease> RenewAsync(SecretDefinition secret, SecretLease lease, CancellationToken cancellationToken) =>
            throw new NotSupportedException();
    }
}
