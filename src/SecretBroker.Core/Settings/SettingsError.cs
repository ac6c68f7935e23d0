using System.Globalization;

namespace SecretBroker.Settings;

/// <summary>One problem found in settings.</summary>
/// <param name="Line">1-based line the problem is on (the key's line, or its parent's when the key is missing); 0 when the source has no lines.</param>
/// <param name="Path">The key path (<c>secrets[1].refresh</c>); <see langword="null"/> for document-level problems (syntax, empty file).</param>
/// <param name="Problem">What is wrong, in words a user can act on; never a secret value (settings hold none).</param>
public sealed record SettingsError(int Line, string? Path, string Problem)
{
    /// <summary>
    /// Formats the error as <c>&lt;file&gt;:&lt;line&gt;: &lt;key.path&gt;: &lt;problem&gt;</c>, the shape editors and CI
    /// logs link (line 0 for problems with the file as a whole).
    /// </summary>
    /// <param name="file">The source as the user named it.</param>
    public string Format(string file) => Path is null
        ? string.Create(CultureInfo.InvariantCulture, $"{file}:{Line}: {Problem}")
        : string.Create(CultureInfo.InvariantCulture, $"{file}:{Line}: {Path}: {Problem}");

    /// <inheritdoc/>
    public override string ToString() => Path is null ? Problem : $"{Path}: {Problem}";
}
