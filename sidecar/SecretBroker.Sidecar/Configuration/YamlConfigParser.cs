using System.Text.RegularExpressions;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace SecretBroker.Sidecar.Configuration;

/// <summary>
/// Turns YAML (or JSON, which YAML's flow style accepts) into a <see cref="SettingsNode"/> tree, reading YamlDotNet's
/// parser events directly: no reflection (Native AOT) and no dictionary that would swallow duplicate keys.
/// </summary>
internal static partial class YamlConfigParser
{
    /// <summary>
    /// The deepest nesting of lists and mappings accepted. A sidecar config is at most 5 deep (backends.<name>.auth.<key>); the tree is built recursively,
    /// so without a limit 40,000 nested <c>[</c> (80 KB) overflow the stack and kill the process. YamlDotNet's parser
    /// itself keeps an explicit state stack (it walks 40,000 levels of <c>[</c>, <c>{a: </c> or <c>- </c> without
    /// recursing), but its scanner is quadratic in flow nesting (seconds of CPU at that depth): stopping at the limit avoids both.
    /// </summary>
    public const int MaxDepth = 64;

    /// <summary>Parses one config document. Returns <see langword="null"/> (and adds to <paramref name="errors"/>) when there is nothing usable.</summary>
    public static SettingsNode? Parse(TextReader text, List<SettingsError> errors) => Parse(text, errors, YamlDocumentWording.SidecarConfig);

    /// <summary>Parses one document, wording its document-level problems with <paramref name="wording"/> (a config, a pod manifest).</summary>
    public static SettingsNode? Parse(TextReader text, List<SettingsError> errors, YamlDocumentWording wording)
    {
        ArgumentNullException.ThrowIfNull(wording);
        Parser parser = new(text);
        try
        {
            parser.Consume<StreamStart>();
            if (parser.Accept<StreamEnd>(out _))
            {
                errors.Add(new SettingsError(1, null, wording.EmptyFile));
                return null;
            }

            parser.Consume<DocumentStart>();
            if (ParseNode(parser, errors, wording, depth: 0) is not { } root)
            {
                return null;
            }

            parser.Consume<DocumentEnd>();
            if (parser.Current is DocumentStart second)
            {
                errors.Add(new SettingsError(Line(second.Start), null, wording.MoreThanOneDocument));
            }

            if (root is SettingsScalar { Value: null })
            {
                errors.Add(new SettingsError(1, null, wording.EmptyFile));
                return null;
            }

            return root;
        }
        catch (YamlException e)
        {
            errors.Add(new SettingsError(Line(e.Start), null, ConfigMessages.SyntaxError(StripPosition(e.Message))));
            return null;
        }
    }

    /// <summary>The node at the parser's position, or <see langword="null"/> when it nests too deep (reported; parsing stops there).</summary>
    private static SettingsNode? ParseNode(Parser parser, List<SettingsError> errors, YamlDocumentWording wording, int depth)
    {
        ParsingEvent current = parser.Current ?? throw new YamlException("unexpected end of input");
        if (current is SequenceStart or MappingStart && depth >= MaxDepth)
        {
            // Stop here, before the parser scans any further.
            errors.Add(new SettingsError(Line(current.Start), null, wording.NestedTooDeep));
            return null;
        }

        parser.MoveNext();
        switch (current)
        {
            case Scalar scalar:
                return new SettingsScalar(Line(scalar.Start), IsNull(scalar) ? null : scalar.Value);

            case SequenceStart sequenceStart:
                List<SettingsNode> items = [];
                while (!parser.TryConsume<SequenceEnd>(out _))
                {
                    if (ParseNode(parser, errors, wording, depth + 1) is not { } item)
                    {
                        return null;
                    }

                    items.Add(item);
                }

                return new SettingsSequence(Line(sequenceStart.Start), items);

            case MappingStart mappingStart:
                List<KeyValuePair<SettingsScalar, SettingsNode>> entries = [];
                while (!parser.TryConsume<MappingEnd>(out _))
                {
                    if (ParseNode(parser, errors, wording, depth + 1) is not { } key || ParseNode(parser, errors, wording, depth + 1) is not { } value)
                    {
                        return null;
                    }

                    if (key is SettingsScalar { Value: not null } scalarKey)
                    {
                        entries.Add(new(scalarKey, value));
                    }
                    else
                    {
                        errors.Add(new SettingsError(key.Line, null, ConfigMessages.KeyNotAString));
                    }
                }

                return new SettingsMapping(Line(mappingStart.Start), entries);

            case AnchorAlias alias:
                // Aliases would let a small file expand into a huge tree; the config is short enough to write out.
                errors.Add(new SettingsError(Line(alias.Start), null, ConfigMessages.AliasNotSupported(alias.Value.Value)));
                return new SettingsScalar(Line(alias.Start), null);

            default:
                throw new YamlException(current.Start, current.End, "unexpected " + current.GetType().Name);
        }
    }

    private static int Line(Mark mark) => (int)Math.Clamp(mark.Line, 1, int.MaxValue);

    // YAML's core schema: an unquoted empty value, ~ or null is null; a quoted "" is an empty string.
    private static bool IsNull(Scalar scalar) =>
        scalar.Style is ScalarStyle.Plain or ScalarStyle.Any
        && scalar.Value is "" or "~" or "null" or "Null" or "NULL";

    // YamlException messages start with "(Line: 3, Col: 5, Idx: 20) - (Line: 3, Col: 6, Idx: 21): "; we print our own position.
    private static string StripPosition(string message) => PositionPrefix().Replace(message, string.Empty).Trim();

    [GeneratedRegex(@"^\(Line: \d+, Col: \d+, Idx: \d+\) - \(Line: \d+, Col: \d+, Idx: \d+\):\s*")]
    private static partial Regex PositionPrefix();
}
