using System.Xml.Linq;

namespace SecretBroker.Emulators.Tests.Infrastructure;

/// <summary>A raw Query-protocol AssumeRoleWithWebIdentity (as botocore sends it: Action and Version first).</summary>
internal static class StsCaller
{
    private static readonly XNamespace Ns = "https://sts.amazonaws.com/doc/2011-06-15/";

    public static async Task<(int Status, string? Code, XDocument Body)> AssumeAsync(LocalCloud cloud, string token, string? roleArn = null, string sessionName = "test-session", string? duration = null)
    {
        var form = new List<KeyValuePair<string, string>>
        {
            new("Action", "AssumeRoleWithWebIdentity"),
            new("Version", "2011-06-15"),
            new("RoleArn", roleArn ?? cloud.Options.RoleArn),
            new("RoleSessionName", sessionName),
            new("WebIdentityToken", token),
        };
        if (duration is not null)
        {
            form.Add(new("DurationSeconds", duration));
        }

        using var http = new HttpClient();
        using var content = new FormUrlEncodedContent(form);
        using var response = await http.PostAsync(new Uri(cloud.StsUrl, "/sts"), content);
        Assert.Equal("text/xml", response.Content.Headers.ContentType?.MediaType);
        Assert.True(response.Headers.Contains("x-amzn-RequestId"));
        var body = XDocument.Parse(await response.Content.ReadAsStringAsync());
        var code = body.Root?.Element(Ns + "Error")?.Element(Ns + "Code")?.Value;
        return ((int)response.StatusCode, code, body);
    }
}
