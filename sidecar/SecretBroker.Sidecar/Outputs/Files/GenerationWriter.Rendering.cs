using System.IO.Hashing;
using SecretBroker.Sidecar.Diagnostics;

namespace SecretBroker.Sidecar.Outputs.Files;

/// <summary>Rendering: what files a generation becomes, and whether that differs from what is on disk.</summary>
internal sealed partial class GenerationWriter
{
    /// <summary>One generation as files: relative path → bytes and hash; the paths of values that did not fit their format.</summary>
    private sealed class RenderedGeneration
    {
        public Dictionary<string, ReadOnlyMemory<byte>> Files { get; } = new(StringComparer.Ordinal);

        public Dictionary<string, byte[]> Hashes { get; } = new(StringComparer.Ordinal);

        public HashSet<string> Unfit { get; } = new(StringComparer.Ordinal);

        /// <summary>The paths of secrets withdrawn because their lease ended: never carried over.</summary>
        public HashSet<string> Expired { get; } = new(StringComparer.Ordinal);
    }

    /// <summary>
    /// The files <paramref name="generation"/> becomes. A value that does not fit its secret's profile or format is left
    /// out and logged (never the value): its paths are listed in <see cref="RenderedGeneration.Unfit"/>, so the last good
    /// file is carried over and the other secrets are written as usual.
    /// </summary>
    private RenderedGeneration Render(SecretGeneration generation)
    {
        RenderedGeneration rendered = new();
        foreach (string name in generation.Expired.Keys)
        {
            rendered.Expired.UnionWith(_layout.PathsOf(name));
        }

        foreach ((string name, SecretEntry entry) in generation.Secrets)
        {
            // Defence in depth: configuration validated the names already, but a name is a path component here.
            if (!SecretName.IsValid(name))
            {
                throw new ArgumentException($"secret name '{name}' cannot be written as a file: names must match {SecretName.Pattern}", nameof(generation));
            }

            if (_layout.Render(name, entry.Value, out string? problem) is not { } files)
            {
                _logger.SecretDoesNotFitLayout(name, entry.Version, _layout.DescribeLayout(name), problem!, _directory);
                rendered.Unfit.UnionWith(_layout.PathsOf(name));
                continue;
            }

            foreach ((string path, ReadOnlyMemory<byte> content) in files)
            {
                rendered.Files[path] = content;
                rendered.Hashes[path] = XxHash128.Hash(content.Span);
            }
        }

        return rendered;
    }

    /// <summary>
    /// Adds the on-disk hash of every path the generation lacks that is retained (a configured secret not loaded yet) or
    /// unfit (its new value does not fit its format); returns those paths. A secret withdrawn because its lease ended is
    /// neither: its value is dead, so its files go with this generation.
    /// </summary>
    private List<string> CarryOverRetained(Dictionary<string, byte[]> hashes, HashSet<string> unfit, HashSet<string> expired)
    {
        var carried = new List<string>();
        foreach ((string path, byte[] hash) in _current)
        {
            if (!hashes.ContainsKey(path) && !expired.Contains(path) && (_retainedPaths.Contains(path) || unfit.Contains(path)))
            {
                hashes[path] = hash;
                carried.Add(path);
            }
        }

        return carried;
    }

    /// <summary>Secrets, not files: <c>hf/token</c> repeats a secret.</summary>
    private static int SecretCount(Dictionary<string, byte[]> hashes) => hashes.Keys.Count(path => !path.Contains('/', StringComparison.Ordinal));

    private bool SameAsCurrent(Dictionary<string, byte[]> hashes) =>
        hashes.Count == _current.Count
        && hashes.All(pair => _current.TryGetValue(pair.Key, out byte[]? current) && current.AsSpan().SequenceEqual(pair.Value));
}
