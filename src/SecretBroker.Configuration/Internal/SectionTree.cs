using System.Globalization;
using Microsoft.Extensions.Configuration;
using SecretBroker.Settings;

namespace SecretBroker.Configuration.Internal;

/// <summary>
/// Turns an <see cref="IConfigurationSection"/> into the settings tree the shared reader walks. Configuration has no
/// lists: children named <c>0</c>…<c>n-1</c> (how the JSON provider and environment variables spell an array) form a
/// sequence. Configuration has no lines either, so every node is on line 0 and messages name key paths only.
/// </summary>
internal static class SectionTree
{
    public static SettingsNode Of(IConfigurationSection section)
    {
        List<IConfigurationSection> children = [.. section.GetChildren()];
        if (children.Count == 0)
        {
            return new SettingsScalar(0, section.Value);
        }

        if (IndexesOf(children) is { } items)
        {
            return new SettingsSequence(0, [.. items.Select(Of)]);
        }

        return new SettingsMapping(0, [.. children.Select(child => new KeyValuePair<SettingsScalar, SettingsNode>(new SettingsScalar(0, child.Key), Of(child)))]);
    }

    /// <summary>The children in index order when their keys are exactly 0…n-1; otherwise <see langword="null"/>.</summary>
    private static IConfigurationSection[]? IndexesOf(List<IConfigurationSection> children)
    {
        var items = new IConfigurationSection?[children.Count];
        foreach (IConfigurationSection child in children)
        {
            // "01" or "+1" is a name, not an index.
            if (!int.TryParse(child.Key, NumberStyles.None, CultureInfo.InvariantCulture, out int index)
                || index >= items.Length
                || items[index] is not null
                || index.ToString(CultureInfo.InvariantCulture) != child.Key)
            {
                return null;
            }

            items[index] = child;
        }

        return items!;
    }
}
