using SecretBroker.Backends;

namespace SecretBroker.Internal;

/// <summary>Fail-fast checks for the engine's constructor; each message names the offending setting or secret.</summary>
internal static class EngineValidation
{
    public static void ValidateOptions(SecretRefreshEngineOptions options)
    {
        foreach ((double value, double min, double max, string name) in new[]
        {
            (options.RefreshJitter, 0, 0.5, nameof(options.RefreshJitter)),
            (options.LeaseRenewFraction, 0.1, 0.9, nameof(options.LeaseRenewFraction)),
            (options.CoalesceFraction, 0, 0.5, nameof(options.CoalesceFraction)),
        })
        {
            // Written so that NaN fails too.
            if (!(value >= min && value <= max))
            {
                throw new ArgumentException($"{name} must be between {min} and {max} (was {value}).", nameof(options));
            }
        }

        if (options.BackoffInitial < TimeSpan.FromMilliseconds(10))
        {
            throw new ArgumentException($"{nameof(options.BackoffInitial)} must be at least 10 ms (was {options.BackoffInitial}).", nameof(options));
        }

        if (options.BackoffMax < options.BackoffInitial)
        {
            throw new ArgumentException($"{nameof(options.BackoffMax)} ({options.BackoffMax}) must be at least {nameof(options.BackoffInitial)} ({options.BackoffInitial}).", nameof(options));
        }

        if (options.PermanentFailureRetry < TimeSpan.FromMilliseconds(10))
        {
            throw new ArgumentException($"{nameof(options.PermanentFailureRetry)} must be at least 10 ms (was {options.PermanentFailureRetry}).", nameof(options));
        }

        if (options.Random is null)
        {
            throw new ArgumentException("Random must not be null.", nameof(options));
        }
    }

    public static void ValidateSecrets(IReadOnlyList<SecretDefinition> secrets, IReadOnlyDictionary<string, ISecretBackend> backends)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (SecretDefinition? secret in secrets)
        {
            if (secret is null)
            {
                throw new ArgumentException("The list of secrets contains null.", nameof(secrets));
            }

            if (!SecretName.IsValid(secret.Name))
            {
                throw new ArgumentException($"Secret name '{secret.Name}' is invalid: it must match {SecretName.Pattern} and be at most {SecretName.MaxLength} characters.", nameof(secrets));
            }

            if (!seen.Add(secret.Name))
            {
                throw new ArgumentException($"Secret name '{secret.Name}' is used more than once.", nameof(secrets));
            }

            if (secret.Backend is null || !backends.TryGetValue(secret.Backend, out ISecretBackend? backend) || backend is null)
            {
                throw new ArgumentException($"Secret '{secret.Name}' refers to backend '{secret.Backend}', which is not configured.", nameof(secrets));
            }

            if (backend.Capabilities is not { MaxBatchSize: >= 1 })
            {
                throw new ArgumentException($"Backend '{secret.Backend}' reports a MaxBatchSize below 1.", nameof(backends));
            }

            if (string.IsNullOrEmpty(secret.Id))
            {
                throw new ArgumentException($"Secret '{secret.Name}' has no id.", nameof(secrets));
            }

            if (secret.Refresh <= TimeSpan.Zero)
            {
                throw new ArgumentException($"Secret '{secret.Name}' has refresh {secret.Refresh}; it must be greater than zero.", nameof(secrets));
            }
        }
    }
}
