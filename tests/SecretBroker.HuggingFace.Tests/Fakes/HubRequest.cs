namespace SecretBroker.HuggingFace.Tests.Fakes;

/// <summary>One request the fake Hub received: method, address, headers and the form fields of its body.</summary>
internal sealed record HubRequest(string Method, Uri Uri, string? ContentType, string? Accept, IReadOnlyDictionary<string, string> Form)
{
    public string SubjectToken => Form.GetValueOrDefault("subject_token") ?? string.Empty;

    public string Resource => Form.GetValueOrDefault("resource") ?? string.Empty;
}
