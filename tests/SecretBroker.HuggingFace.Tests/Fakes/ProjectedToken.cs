using System.Text;
using System.Text.Json.Nodes;

namespace SecretBroker.HuggingFace.Tests.Fakes;

/// <summary>A projected-token file in a temporary directory: a JWT-shaped token (unsigned: the backend reads only its <c>aud</c>).</summary>
internal sealed class ProjectedToken : IDisposable
{
    public const string HubAudience = "https://huggingface.co";

    private readonly string _directory = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "sb-hf-" + Guid.NewGuid().ToString("N"));

    public ProjectedToken(params string[] audiences)
    {
        Directory.CreateDirectory(_directory);
        Current = Write(audiences.Length == 0 ? [HubAudience] : audiences);
    }

    public string Path => System.IO.Path.Combine(_directory, "token");

    public string Current { get; private set; }

    /// <summary>A new token (another <c>jti</c>) for <paramref name="audiences"/>, replacing the file.</summary>
    public string Rotate(params string[] audiences)
    {
        Current = Write(audiences.Length == 0 ? [HubAudience] : audiences);
        return Current;
    }

    public static string Jwt(JsonObject claims) =>
        Encode("""{"alg":"RS256","typ":"JWT"}""") + "." + Encode(claims.ToJsonString()) + "." + Encode("not-a-real-signature");

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private string Write(string[] audiences)
    {
        string token = Jwt(new JsonObject
        {
            ["iss"] = "https://oidc.example.test",
            ["sub"] = "system:serviceaccount:apps:inference",
            ["aud"] = new JsonArray([.. audiences.Select(static a => (JsonNode?)a)]),
            ["jti"] = Guid.NewGuid().ToString(),
            ["exp"] = 4102444800,
        });
        File.WriteAllText(Path, token);
        return token;
    }

    private static string Encode(string text) => Convert.ToBase64String(Encoding.UTF8.GetBytes(text)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
