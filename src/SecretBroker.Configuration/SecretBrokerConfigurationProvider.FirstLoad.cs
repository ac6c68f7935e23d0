using System.Globalization;
using SecretBroker.Configuration.Internal;

namespace SecretBroker.Configuration;

// The first load: blocks once, bounded by FirstLoadTimeout on the source's clock, and either throws every missing
// required secret at once or (optional) reports them and lets the engine keep retrying in the background.
public sealed partial class SecretBrokerConfigurationProvider
{
    private void FirstLoad()
    {
        // Started on the provider's token only: an optional source that times out keeps loading in the background.
        Task<IReadOnlyList<SecretRefreshOutcome>> start = _engine.StartAsync(_stop.Token);
        IReadOnlyList<SecretRefreshOutcome>? outcomes;

        // A deadline disposed before Load returns: its timer never outlives the first load.
        using var deadline = new CancellationTokenSource(_firstLoadTimeout, _time);
        try
        {
            outcomes = start.WaitAsync(deadline.Token).GetAwaiter().GetResult();
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested)
        {
            outcomes = null;

            // Disposal cancels a start still under way; nothing else may end it, but it must not go unobserved.
            _ = start.ContinueWith(static t => _ = t.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
        }

        SecretGeneration loaded = _engine.Current;
        List<string> missing = [];
        List<string> requiredMissing = [];
        for (int i = 0; i < _engine.Definitions.Count; i++)
        {
            SecretDefinition secret = _engine.Definitions[i];
            string? reason = outcomes is null
                ? loaded.Secrets.ContainsKey(secret.Name) ? null : $"no answer within {Duration(_firstLoadTimeout)}"
                : outcomes[i].Succeeded ? null : outcomes[i].Error ?? "unknown error";
            if (reason is null)
            {
                continue;
            }

            string line = $"secret '{secret.Name}' (backend '{secret.Backend}'): {reason}";
            missing.Add(line);
            if (secret.Required)
            {
                requiredMissing.Add(line);
            }
        }

        if (requiredMissing.Count > 0 && !_optional)
        {
            // The configuration build fails, so nothing will dispose this provider: stop the engine now.
            Dispose();
            throw new SecretBrokerConfigurationException(
                string.Create(CultureInfo.InvariantCulture, $"AddSecretBroker: the first load failed; {requiredMissing.Count} required secret(s) did not load:"),
                requiredMissing);
        }

        if (missing.Count > 0)
        {
            _diagnostics.FirstLoadIncomplete(_engine.Definitions.Count - missing.Count, _engine.Definitions.Count, missing);
        }
    }

    private static string Duration(TimeSpan value) =>
        value.TotalSeconds >= 1 && value.Milliseconds == 0
            ? string.Create(CultureInfo.InvariantCulture, $"{(long)value.TotalSeconds}s")
            : string.Create(CultureInfo.InvariantCulture, $"{(long)value.TotalMilliseconds}ms");
}
