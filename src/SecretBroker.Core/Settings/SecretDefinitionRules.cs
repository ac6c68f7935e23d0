namespace SecretBroker.Settings;

/// <summary>Bounds and defaults of a secret's settings, the same in the sidecar's file and in <c>AddSecretBroker</c>.</summary>
public static class SecretDefinitionRules
{
    /// <summary>Refresh interval when a secret gives none.</summary>
    public static readonly TimeSpan DefaultRefresh = TimeSpan.FromMinutes(5);

    /// <summary>Shortest refresh accepted: below this a broker would mostly be polling.</summary>
    public static readonly TimeSpan MinimumRefresh = TimeSpan.FromMilliseconds(100);

    /// <summary>Longest refresh accepted: a rotated secret must arrive within a day.</summary>
    public static readonly TimeSpan MaximumRefresh = TimeSpan.FromHours(24);

    /// <summary>The problem with a refresh interval, or <see langword="null"/>.</summary>
    /// <param name="refresh">The interval.</param>
    /// <param name="written">How it was written, for the message.</param>
    public static string? RefreshProblem(TimeSpan refresh, string written) =>
        refresh < MinimumRefresh ? SettingsMessages.DurationTooShort(written, MinimumRefresh)
        : refresh > MaximumRefresh ? SettingsMessages.DurationTooLong(written, MaximumRefresh)
        : null;

    /// <summary>
    /// Every problem with definitions built in code (name, id, backend reference, refresh, duplicates), as
    /// <c>secrets[i].key: problem</c> settings errors without lines.
    /// </summary>
    /// <param name="secrets">The definitions in the order given.</param>
    /// <param name="backendNames">The names of the defined backends.</param>
    public static IReadOnlyList<SettingsError> Problems(IReadOnlyList<SecretDefinition> secrets, IReadOnlyCollection<string> backendNames)
    {
        ArgumentNullException.ThrowIfNull(secrets);
        ArgumentNullException.ThrowIfNull(backendNames);
        List<SettingsError> errors = [];
        HashSet<string> names = new(StringComparer.Ordinal);
        for (int i = 0; i < secrets.Count; i++)
        {
            SecretDefinition secret = secrets[i];
            string path = string.Create(System.Globalization.CultureInfo.InvariantCulture, $"secrets[{i}]");
            if (!SecretName.IsValid(secret.Name))
            {
                errors.Add(new SettingsError(0, path + ".name", SettingsMessages.InvalidSecretName(secret.Name)));
            }
            else if (!names.Add(secret.Name))
            {
                errors.Add(new SettingsError(0, path + ".name", SettingsMessages.DuplicateSecretName(secret.Name, 0)));
            }

            if (!backendNames.Contains(secret.Backend))
            {
                errors.Add(new SettingsError(0, path + ".backend", SettingsMessages.UnknownBackendReference(secret.Backend, backendNames)));
            }

            if (string.IsNullOrWhiteSpace(secret.Id))
            {
                errors.Add(new SettingsError(0, path + ".id", SettingsMessages.Required));
            }

            if (RefreshProblem(secret.Refresh, DurationText.Format(secret.Refresh)) is { } problem)
            {
                errors.Add(new SettingsError(0, path + ".refresh", problem));
            }
        }

        return errors;
    }

    /// <summary>
    /// What each definition's backend type refuses (<see cref="Backends.SecretBackendType.SecretProblems(SecretDefinition)"/>), as
    /// <c>secrets[i].key: problem</c> settings errors without lines; definitions naming no known backend are skipped.
    /// </summary>
    /// <param name="secrets">The definitions in the order given.</param>
    /// <param name="types">The type of each defined backend, by name.</param>
    public static IReadOnlyList<SettingsError> BackendProblems(IReadOnlyList<SecretDefinition> secrets, IReadOnlyDictionary<string, Backends.SecretBackendType> types)
    {
        ArgumentNullException.ThrowIfNull(secrets);
        ArgumentNullException.ThrowIfNull(types);
        List<SettingsError> errors = [];
        for (int i = 0; i < secrets.Count; i++)
        {
            if (types.TryGetValue(secrets[i].Backend, out Backends.SecretBackendType? type))
            {
                string path = string.Create(System.Globalization.CultureInfo.InvariantCulture, $"secrets[{i}]");
                errors.AddRange(type.SecretProblems(secrets[i]).Select(problem => new SettingsError(0, problem.Key.Length == 0 ? path : path + "." + problem.Key, problem.Problem)));
            }
        }

        return errors;
    }
}
