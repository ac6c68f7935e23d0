using System.Text.Json;

namespace SecretBroker.Aws.Tests.Fakes;

/// <summary>A request as it reached the wire (after signing).</summary>
internal sealed class RecordedRequest
{
    public required string Method { get; init; }

    public required Uri Uri { get; init; }

    public required Dictionary<string, string> Headers { get; init; }

    public required byte[] Body { get; init; }

    /// <summary>The operation from <c>X-Amz-Target</c> (<c>secretsmanager.&lt;Op&gt;</c>).</summary>
    public string Operation => (Header("X-Amz-Target") ?? string.Empty).Replace("secretsmanager.", string.Empty, StringComparison.Ordinal);

    public string? Header(string name) => Headers.TryGetValue(name, out string? value) ? value : null;

    public JsonElement Json() => JsonDocument.Parse(Body).RootElement.Clone();

    public string[] SecretIdList() => [.. Json().GetProperty("SecretIdList").EnumerateArray().Select(static e => e.GetString()!)];

    public string SecretId() => Json().GetProperty("SecretId").GetString()!;
}
