using SecretBroker.Settings;

namespace SecretBroker.Core.Tests.Settings;

/// <summary>Builds settings trees in code; every node gets the next line number so messages can be checked for lines.</summary>
internal sealed class Nodes
{
    private int _line;

    public SettingsMapping Map(params (string Key, SettingsNode Value)[] entries)
    {
        int line = ++_line;
        return new SettingsMapping(line, [.. entries.Select(e => new KeyValuePair<SettingsScalar, SettingsNode>(new SettingsScalar(e.Value.Line, e.Key), e.Value))]);
    }

    public SettingsSequence List(params SettingsNode[] items) => new(++_line, items);

    public SettingsScalar Value(string? text) => new(++_line, text);
}
