using SecretBroker.Sidecar.Configuration;
using SecretBroker.Vault;

namespace SecretBroker.Sidecar.Conversion;

/// <content>The secrets: names (file names), Vault paths, and the one directory and file mode they share.</content>
internal sealed partial class VaultAnnotationConverter
{
    private void AddSecrets(PodAnnotation inject)
    {
        if (_secrets.Count == 0)
        {
            _errors.Add(new SettingsError(inject.Line, null, ConvertMessages.NoSecrets(Prefix)));
        }

        Dictionary<string, PodAnnotation> names = new(StringComparer.Ordinal);
        foreach ((string raw, PodAnnotation secret) in _secrets)
        {
            // The injector lowercases the name unless preserve-secret-case says otherwise; the file annotation overrides it.
            bool preserve = _preserveCase.TryGetValue(raw, out bool own) ? own : _preserveAllCase;
            PodAnnotation namedBy = _files.GetValueOrDefault(raw) ?? secret;
            string name = _files.TryGetValue(raw, out PodAnnotation? file) ? file.Value.Trim() : preserve ? raw : raw.ToLowerInvariant();
            bool valid = true;
            if (!SecretName.IsValid(name))
            {
                Error(namedBy, ConvertMessages.InvalidSecretName(name));
                valid = false;
            }
            else if (!names.TryAdd(name, namedBy))
            {
                Error(namedBy, ConvertMessages.DuplicateSecretName(name, names[name].Key));
                valid = false;
            }

            if (VaultPathProblem(secret.Value) is { } why)
            {
                Error(secret, ConvertMessages.InvalidVaultPath(secret.Value, why));
                valid = false;
            }

            if (_dirs.TryGetValue(raw, out PodAnnotation? dir) && AbsolutePath(dir) is { } path && path != _result.Dir)
            {
                Error(dir, ConvertMessages.PerSecretVolumePath(_result.Dir));
            }

            if (valid)
            {
                _result.Secrets.Add(new ConvertedSecret(name, secret.Value, secret.Key, _perms.ContainsKey(raw)));
            }
        }

        HashSet<string> raws = [.. _secrets.Select(s => s.Raw)];
        foreach ((string raw, PodAnnotation orphan) in _files.Concat(_perms).Concat(_dirs).Where(e => !raws.Contains(e.Key)))
        {
            Error(orphan, ConvertMessages.Orphan(Prefix + "agent-inject-secret-" + raw));
        }

        ReadPerms();
    }

    // One mode for every file: perms that differ cannot all be honoured, and picking one would silently widen or narrow
    // the others, so they are refused; a mode our rules refuse (write, others) is refused too, never loosened.
    private void ReadPerms()
    {
        List<(PodAnnotation Annotation, UnixFileMode Mode)> modes = [];
        foreach (PodAnnotation perms in _perms.Values.OrderBy(a => a.Line))
        {
            if (UnixModeText.Check(perms.Value, isDirectory: false, out UnixFileMode mode) is { } problem)
            {
                Error(perms, ConvertMessages.InvalidPerms(problem));
            }
            else
            {
                modes.Add((perms, mode));
            }
        }

        if (modes.Select(m => m.Mode).Distinct().Count() > 1)
        {
            string all = string.Join(", ", modes.Select(m => $"{m.Annotation.Key}: {m.Annotation.Value}"));
            foreach ((PodAnnotation annotation, _) in modes)
            {
                Error(annotation, ConvertMessages.PermsDisagree(all));
            }
        }
        else if (modes.Count > 0)
        {
            _result.FileMode = "0" + System.Convert.ToString((int)modes[0].Mode, 8).PadLeft(3, '0');
        }
    }

    /// <summary>
    /// The vault backend's own rules for an <c>id</c> (<see cref="VaultSecretId"/>), so the output validates and the two
    /// never drift apart; <see langword="null"/> when fine.
    /// </summary>
    internal static string? VaultPathProblem(string path) =>
        string.IsNullOrWhiteSpace(path) ? ConvertMessages.PathEmpty
        : VaultSecretId.Problem(path) is { } problem ? $"its id {problem}"
        : null;
}
