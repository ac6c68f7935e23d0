namespace SecretBroker.Sidecar.Configuration;

/// <summary>
/// How <see cref="YamlConfigParser"/> words problems with a document as a whole, which depend on what the document
/// should be: a sidecar config, or the pod manifest <c>convert</c> reads.
/// </summary>
/// <param name="EmptyFile">The file holds nothing.</param>
/// <param name="MoreThanOneDocument">A second <c>---</c> document follows the first.</param>
/// <param name="NestedTooDeep">Lists and mappings nest deeper than <see cref="YamlConfigParser.MaxDepth"/>.</param>
internal sealed record YamlDocumentWording(string EmptyFile, string MoreThanOneDocument, string NestedTooDeep)
{
    /// <summary>The sidecar's config file.</summary>
    public static YamlDocumentWording SidecarConfig { get; } =
        new(ConfigMessages.EmptyFile, ConfigMessages.MoreThanOneDocument, ConfigMessages.NestedTooDeep(YamlConfigParser.MaxDepth));
}
