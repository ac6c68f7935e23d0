using System.Text;

using SecretBroker.Sidecar.Configuration;

namespace SecretBroker.Sidecar.Conversion;

/// <summary>
/// Reads a Kubernetes manifest (YAML or JSON) with the config reader's parser and limits (size, nesting, no aliases, one
/// document) and finds the pod's annotations: <c>metadata.annotations</c> of a Pod,
/// <c>spec.template.metadata.annotations</c> of a workload, <c>spec.jobTemplate.spec.template…</c> of a CronJob.
/// </summary>
internal static class ManifestReader
{
    private static readonly YamlDocumentWording Wording = new(ConvertMessages.EmptyManifest, ConvertMessages.MoreThanOneDocument, ConvertMessages.NestedTooDeep);

    private static readonly string[] PodTemplateKinds = ["Deployment", "StatefulSet", "DaemonSet", "ReplicaSet", "Job", "ReplicationController"];

    /// <summary>Reads <paramref name="path"/> (<c>-</c>: <paramref name="openStandardInput"/>); <see langword="null"/> after adding to <paramref name="errors"/>.</summary>
    public static PodAnnotations? Read(string path, Func<Stream> openStandardInput, List<SettingsError> errors)
    {
        string? problem = path == "-"
            ? TryReadStream(openStandardInput, out ArraySegment<byte> content)
            : ConfigFileReader.TryRead(path, SidecarSettingsLoader.MaxFileBytes, SidecarSettingsLoader.PipeWait, TimeProvider.System, out content, ConvertMessages.TooLarge);
        if (problem is not null)
        {
            errors.Add(new SettingsError(0, null, ConvertMessages.CannotRead(problem)));
            return null;
        }

        // Like the config: UTF-8 unless a byte-order mark says UTF-16 or UTF-32.
        using StreamReader reader = new(new MemoryStream(content.Array!, content.Offset, content.Count, writable: false), Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
        if (YamlConfigParser.Parse(reader, errors, Wording) is not { } root || errors.Count > 0)
        {
            return null;
        }

        return Find(root, errors);
    }

    private static PodAnnotations? Find(SettingsNode root, List<SettingsError> errors)
    {
        if (root is not SettingsMapping manifest)
        {
            errors.Add(new SettingsError(root.Line, null, ConvertMessages.NotAManifest(root.KindName)));
            return null;
        }

        if (Text(manifest, "kind", "kind", errors) is not { } kind)
        {
            if (errors.Count == 0)
            {
                errors.Add(new SettingsError(manifest.Line, null, ConvertMessages.NoKind));
            }

            return null;
        }

        SettingsMapping? metadata = Child(manifest, "metadata", "metadata", errors) as SettingsMapping;
        SettingsScalar? name = metadata is null ? null : Text(metadata, "name", "metadata.name", errors);
        string source = name is null ? kind.Value! : $"{kind.Value} {name.Value}";
        string[]? path = kind.Value switch
        {
            "Pod" => ["metadata", "annotations"],
            "CronJob" => ["spec", "jobTemplate", "spec", "template", "metadata", "annotations"],
            _ when PodTemplateKinds.Contains(kind.Value, StringComparer.Ordinal) => ["spec", "template", "metadata", "annotations"],
            _ => null,
        };
        if (path is null)
        {
            errors.Add(new SettingsError(kind.Line, "kind", ConvertMessages.NoPodTemplate(kind.Value!)));
            return null;
        }

        bool misplaced = kind.Value != "Pod"
            && metadata is not null
            && Child(metadata, "annotations", "metadata.annotations", errors) is SettingsMapping ownAnnotations
            && ownAnnotations.Entries.Any(e => VaultAnnotationTable.Prefixes.Any(p => e.Key.Value!.StartsWith(p, StringComparison.Ordinal)));
        SettingsMapping node = manifest;
        string keyPath = string.Empty;
        foreach (string key in path)
        {
            keyPath = keyPath.Length == 0 ? key : keyPath + "." + key;
            SettingsNode? child = Child(node, key, keyPath, errors);
            if (errors.Count > 0)
            {
                return null;
            }

            if (child is null or SettingsScalar { Value: null })
            {
                // No annotations at all: nothing to convert, said by the converter.
                return new PodAnnotations(source, node.Line, []) { WorkloadMetadataHasVaultAnnotations = misplaced };
            }

            if (child is not SettingsMapping mapping)
            {
                errors.Add(new SettingsError(child.Line, keyPath, ConvertMessages.ExpectedMapping(child.KindName)));
                return null;
            }

            node = mapping;
        }

        List<PodAnnotation> annotations = [];
        foreach ((SettingsScalar key, SettingsNode value) in node.Entries)
        {
            if (value is SettingsScalar scalar)
            {
                annotations.Add(new PodAnnotation(key.Value!, scalar.Value ?? string.Empty, key.Line));
            }
            else
            {
                errors.Add(new SettingsError(value.Line, key.Value, ConvertMessages.ExpectedText(value.KindName)));
            }
        }

        return errors.Count > 0 ? null : new PodAnnotations(source, node.Line, annotations) { WorkloadMetadataHasVaultAnnotations = misplaced };
    }

    /// <summary>The value of <paramref name="key"/>, or <see langword="null"/>; a key given twice is an error.</summary>
    private static SettingsNode? Child(SettingsMapping map, string key, string keyPath, List<SettingsError> errors)
    {
        SettingsNode? found = null;
        foreach ((SettingsScalar k, SettingsNode value) in map.Entries)
        {
            if (k.Value == key)
            {
                if (found is not null)
                {
                    errors.Add(new SettingsError(k.Line, keyPath, ConvertMessages.GivenTwice));
                    return null;
                }

                found = value;
            }
        }

        return found;
    }

    private static SettingsScalar? Text(SettingsMapping map, string key, string keyPath, List<SettingsError> errors)
    {
        SettingsNode? node = Child(map, key, keyPath, errors);
        if (node is null or SettingsScalar { Value: null or "" })
        {
            return null;
        }

        if (node is not SettingsScalar scalar)
        {
            errors.Add(new SettingsError(node.Line, keyPath, ConvertMessages.ExpectedText(node.KindName)));
            return null;
        }

        return scalar;
    }

    // stdin: the same byte limit as a file, counted in bytes read.
    private static string? TryReadStream(Func<Stream> open, out ArraySegment<byte> content)
    {
        content = ArraySegment<byte>.Empty;
        int max = SidecarSettingsLoader.MaxFileBytes;
        byte[] buffer = new byte[16 * 1024];
        int total = 0;
        try
        {
            using Stream stream = open();
            int read;
            while ((read = stream.Read(buffer, total, buffer.Length - total)) > 0)
            {
                total += read;
                if (total > max)
                {
                    return ConvertMessages.TooLarge;
                }

                if (total == buffer.Length)
                {
                    Array.Resize(ref buffer, Math.Min(2 * buffer.Length, max + 1));
                }
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or NotSupportedException)
        {
            return Diagnostics.IoProblemText.Describe(e);
        }

        content = new ArraySegment<byte>(buffer, 0, total);
        return null;
    }
}
