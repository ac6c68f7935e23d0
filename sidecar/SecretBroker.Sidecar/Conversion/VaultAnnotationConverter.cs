using SecretBroker.Sidecar.Configuration;

namespace SecretBroker.Sidecar.Conversion;

/// <summary>
/// Turns a pod's Vault Agent injector annotations into a <see cref="VaultConversion"/>, or reports every annotation it
/// cannot convert faithfully (each error names it). Refused rather than approximated: templates, commands, a token
/// file, TLS verification off, plain http, per-secret directories or modes, and anything not in the tables here.
/// </summary>
internal sealed partial class VaultAnnotationConverter
{
    private readonly PodAnnotations _pod;
    private readonly List<SettingsError> _errors;
    private readonly VaultConversion _result;

    // Per-secret annotations by the raw name after their prefix (case as written, as the injector matches them).
    private readonly List<(string Raw, PodAnnotation Annotation)> _secrets = [];
    private readonly Dictionary<string, PodAnnotation> _files = new(StringComparer.Ordinal);
    private readonly Dictionary<string, PodAnnotation> _perms = new(StringComparer.Ordinal);
    private readonly Dictionary<string, PodAnnotation> _dirs = new(StringComparer.Ordinal);
    private readonly Dictionary<string, bool> _preserveCase = new(StringComparer.Ordinal);
    private bool _preserveAllCase;

    private VaultAnnotationConverter(PodAnnotations pod, string prefix, List<SettingsError> errors)
    {
        _pod = pod;
        _errors = errors;
        _result = new VaultConversion { Prefix = prefix, Source = pod.Source };
    }

    /// <summary>The conversion, or <see langword="null"/> after adding every problem to <paramref name="errors"/>.</summary>
    public static VaultConversion? Convert(PodAnnotations pod, List<SettingsError> errors)
    {
        ArgumentNullException.ThrowIfNull(pod);
        ArgumentNullException.ThrowIfNull(errors);
        List<PodAnnotation>[] byPrefix = [.. VaultAnnotationTable.Prefixes.Select(p => pod.Entries.Where(a => a.Key.StartsWith(p, StringComparison.Ordinal)).ToList())];
        int used = Array.FindIndex(byPrefix, list => list.Count > 0);
        if (used < 0)
        {
            errors.Add(new SettingsError(pod.Line, null, pod.WorkloadMetadataHasVaultAnnotations
                ? ConvertMessages.AnnotationsOnTheWorkload(pod.Source)
                : ConvertMessages.NoAnnotations(pod.Source)));
            return null;
        }

        if (byPrefix.Skip(used + 1).FirstOrDefault(list => list.Count > 0) is { } other)
        {
            errors.Add(new SettingsError(other[0].Line, other[0].Key, ConvertMessages.BothPrefixes(other[0].Key)));
            return null;
        }

        VaultAnnotationConverter converter = new(pod, VaultAnnotationTable.Prefixes[used], errors);
        return converter.Run(byPrefix[used]) ? converter._result : null;
    }

    private string Prefix => _result.Prefix;

    private bool Run(List<PodAnnotation> annotations)
    {
        Dictionary<string, PodAnnotation> byName = new(StringComparer.Ordinal);
        foreach (PodAnnotation annotation in annotations)
        {
            if (!byName.TryAdd(Name(annotation), annotation))
            {
                Error(annotation, ConvertMessages.GivenTwice);
            }
        }

        if (!byName.TryGetValue("agent-inject", out PodAnnotation? inject))
        {
            _errors.Add(new SettingsError(_pod.Line, null, ConvertMessages.NotInjected(Prefix)));
            return false;
        }

        bool? on = Bool(inject);
        if (on is not true)
        {
            // null: not a boolean, already reported.
            if (on is false)
            {
                Error(inject, ConvertMessages.InjectFalse(inject.Value));
            }

            return false;
        }

        foreach (PodAnnotation annotation in byName.Values.OrderBy(a => a.Line))
        {
            Classify(annotation);
        }

        if (_result.Role is null && !byName.ContainsKey("role"))
        {
            _errors.Add(new SettingsError(inject.Line, Prefix + "role", ConvertMessages.Required));
        }

        AddSecrets(inject);
        return _errors.Count == 0;
    }

    private string Name(PodAnnotation annotation) => annotation.Key[Prefix.Length..];

    private void Error(PodAnnotation annotation, string problem) => _errors.Add(new SettingsError(annotation.Line, annotation.Key, problem));

    /// <summary>strconv.ParseBool's spellings, as the injector reads them; <see langword="null"/> (reported) otherwise.</summary>
    private bool? Bool(PodAnnotation annotation)
    {
        switch (annotation.Value)
        {
            case "1" or "t" or "T" or "true" or "TRUE" or "True":
                return true;
            case "0" or "f" or "F" or "false" or "FALSE" or "False":
                return false;
            default:
                Error(annotation, ConvertMessages.NotABool(annotation.Value));
                return null;
        }
    }

    private string? NonEmpty(PodAnnotation annotation)
    {
        if (string.IsNullOrWhiteSpace(annotation.Value))
        {
            Error(annotation, ConvertMessages.Empty);
            return null;
        }

        return annotation.Value.Trim();
    }

    private string? AbsolutePath(PodAnnotation annotation)
    {
        if (NonEmpty(annotation) is not { } path)
        {
            return null;
        }

        if (!path.StartsWith('/') || path.Split('/').Contains(".."))
        {
            Error(annotation, ConvertMessages.NotAbsolutePath(path));
            return null;
        }

        return path.Length > 1 ? path.TrimEnd('/') : path;
    }
}
