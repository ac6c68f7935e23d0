using Microsoft.Extensions.Options;

namespace SecretBroker.Backends;

/// <summary>
/// Validates one backend type's options. The problems name the setting keys users write (not CLR members), so the
/// sidecar reports them as <c>FILE:LINE: backends.NAME.KEY: problem</c> and <c>AddSecretBroker</c> with the section path.
/// Also an <see cref="IValidateOptions{TOptions}"/>, for hosts that bind the options through the options pattern.
/// </summary>
/// <remarks>
/// Hand-written rather than generated from data annotations: the generated validator's messages name CLR members
/// ("The Region field is required"), and ours must name config keys. Pattern checks use generated regexes.
/// </remarks>
/// <typeparam name="TOptions">The backend's options class.</typeparam>
public abstract class SecretBackendOptionsValidator<TOptions> : IValidateOptions<TOptions>
    where TOptions : class
{
    /// <summary>Every problem with <paramref name="options"/> (empty when valid).</summary>
    /// <param name="options">The options to check.</param>
    public abstract IEnumerable<SecretBackendSettingProblem> Problems(TOptions options);

    /// <inheritdoc/>
    public ValidateOptionsResult Validate(string? name, TOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        List<string> failures = [.. Problems(options).Select(problem => problem.ToString())];
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
