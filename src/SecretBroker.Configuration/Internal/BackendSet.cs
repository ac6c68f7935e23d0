using SecretBroker.Backends;
using SecretBroker.Settings;

namespace SecretBroker.Configuration.Internal;

/// <summary>
/// Builds a plan's backends (which contacts nothing, but may check the environment, e.g. an identity's token file),
/// each wrapped to report its failures. A backend that refuses is thrown with every other refusal at once, or, when the
/// source is optional, logged and left out together with its secrets.
/// </summary>
internal static class BackendSet
{
    public static (Dictionary<string, ISecretBackend> Backends, List<SecretDefinition> Secrets) Build(
        BrokerPlan plan, bool optional, RefreshDiagnostics diagnostics, TimeProvider time)
    {
        Dictionary<string, ISecretBackend> backends = new(StringComparer.Ordinal);
        List<(ConfiguredBackend Backend, SecretBackendSetupException Error)> refused = [];
        foreach (ConfiguredBackend configured in plan.Backends)
        {
            try
            {
                backends.Add(configured.Name, new ReportingBackend(configured.Create(time: time), configured.Name, diagnostics));
            }
            catch (SecretBackendSetupException e)
            {
                refused.Add((configured, e));
            }
        }

        if (refused.Count > 0 && !optional)
        {
            // Nothing will own the ones that were built (an AWS backend holds an HTTP client).
            foreach (ISecretBackend built in backends.Values)
            {
                (built as IDisposable)?.Dispose();
            }

            throw new SecretBrokerConfigurationException(
                "AddSecretBroker: a backend could not be built:",
                [.. refused.Select(static r => $"backends.{r.Backend.Name}: {r.Error.Message}")]);
        }

        foreach ((ConfiguredBackend backend, SecretBackendSetupException error) in refused)
        {
            diagnostics.BackendUnavailable(backend.Name, [.. plan.Secrets.Where(s => s.Backend == backend.Name).Select(static s => s.Name)], error);
        }

        return (backends, [.. plan.Secrets.Where(s => backends.ContainsKey(s.Backend))]);
    }
}
