using System.Text;
using SecretBroker.Emulators.Faults;

namespace SecretBroker.EndToEnd.Tests.Azure;

/// <summary>The emulators' admin API over HTTP, as a demo or an operator would drive it: Key Vault faults.</summary>
internal static class KeyVaultAdmin
{
    /// <summary>The Key Vault read operations a refresh may use (get, list, list versions).</summary>
    public static readonly string[] ReadOperations = ["GetSecret", "GetSecrets", "GetSecretVersions"];

    /// <summary><c>PUT /v1/faults/{operation}</c> for every read operation: <paramref name="kind"/> until cleared.</summary>
    public static async Task FailReadsAsync(AzureCloudSetup setup, FaultKind kind)
    {
        using HttpClient admin = new() { BaseAddress = setup.Cloud.AdminUrl };
        foreach (string operation in ReadOperations)
        {
            using StringContent body = new($"{{\"kind\":\"{Name(kind)}\"}}", Encoding.UTF8, "application/json");
            using HttpResponseMessage response = await admin.PutAsync(new Uri("v1/faults/" + operation, UriKind.Relative), body);
            response.EnsureSuccessStatusCode();
        }
    }

    /// <summary><c>DELETE /v1/faults</c>: every fault cleared.</summary>
    public static async Task ClearFaultsAsync(AzureCloudSetup setup)
    {
        using HttpClient admin = new() { BaseAddress = setup.Cloud.AdminUrl };
        using HttpResponseMessage response = await admin.DeleteAsync(new Uri("v1/faults", UriKind.Relative));
        response.EnsureSuccessStatusCode();
    }

    /// <summary>The counter outcome Key Vault records for a request failed with <paramref name="kind"/>.</summary>
    public static string Outcome(FaultKind kind) => kind switch
    {
        FaultKind.InternalServiceError => "fault:InternalServiceError",
        FaultKind.ServiceUnavailable => "fault:ServiceUnavailable",
        FaultKind.Throttling => "fault:Throttling",
        FaultKind.DropConnection => "fault:drop",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    private static string Name(FaultKind kind) => kind switch
    {
        FaultKind.InternalServiceError => "5xx",
        FaultKind.ServiceUnavailable => "503",
        FaultKind.Throttling => "throttling",
        FaultKind.DropConnection => "drop",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };
}
