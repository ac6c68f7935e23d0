namespace SecretBroker.Sidecar.Configuration;

/// <summary>One problem found in a config file.</summary>
/// <param name="Line">1-based line the problem is on (the key's line, or its parent's when the key is missing).</param>
/// <param name="Path">The key path (<c>secrets[1].refresh</c>); <see langword="null"/> for file-level problems (syntax, empty file).</param>
/// <param name="Problem">What is wrong, from <see cref="ConfigMessages"/>.</param>
internal sealed record ConfigError(int Line, string? Path, string Problem)
{
    /// <summary>Formats the error as <c>&lt;file&gt;:&lt;line&gt;: &lt;key.path&gt;: &lt;problem&gt;</c>, the shape editors and CI logs link.</summary>
    public string Format(string file) => Path is null
        ? string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{file}:{Line}: {Problem}")
        : string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{file}:{Line}: {Path}: {Problem}");
}
