using System.Globalization;

namespace SecretBroker.Sidecar.Configuration;

/// <summary>Typed readers for single values (durations, booleans, modes, ids, text), each reporting its own key and line.</summary>
internal sealed partial class SidecarSettingsValidator
{
    private List<uint> Ids(SettingsValueList? list, Func<string, string> notAnId)
    {
        List<uint> ids = [];
        foreach (SettingsValue item in list?.Items ?? [])
        {
            if (item.Text is { } text && uint.TryParse(text.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out uint id) && id != uint.MaxValue)
            {
                ids.Add(id);
            }
            else
            {
                Error(item.Line, item.Path, notAnId(item.Text ?? ConfigMessages.Nothing));
            }
        }

        return ids;
    }

    private int Integer(SettingsValue? value, int defaultValue, int minimum, int maximum)
    {
        if (value?.Text is not { } text)
        {
            return defaultValue;
        }

        if (!int.TryParse(text.Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out int result))
        {
            Error(value.Line, value.Path, ConfigMessages.NotAnInteger(text));
            return defaultValue;
        }

        if (result < minimum || result > maximum)
        {
            Error(value.Line, value.Path, ConfigMessages.OutOfRange(text, minimum, maximum));
            return defaultValue;
        }

        return result;
    }

    private bool Boolean(SettingsValue? value, bool defaultValue)
    {
        if (value?.Text is not { } text)
        {
            return defaultValue;
        }

        if (bool.TryParse(text.Trim(), out bool result))
        {
            return result;
        }

        Error(value.Line, value.Path, ConfigMessages.NotABoolean(text));
        return defaultValue;
    }

    private int? Group(SettingsValue? value)
    {
        if (value?.Text is not { } text)
        {
            return null;
        }

        if (int.TryParse(text.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out int gid))
        {
            return gid;
        }

        Error(value.Line, value.Path, ConfigMessages.NotAGroup(text));
        return null;
    }

    private UnixFileMode Mode(SettingsValue? value, UnixFileMode defaultValue, bool isDirectory)
    {
        if (value?.Text is not { } text)
        {
            return defaultValue;
        }

        string? problem = UnixModeText.Check(text, isDirectory, out UnixFileMode mode);
        Error(value.Line, value.Path, problem);
        return problem is null ? mode : defaultValue;
    }

    private string? RequiredText(SettingsValue? value, int parentLine, string path)
    {
        if (value is null)
        {
            Error(parentLine, path, _reported.Contains(path) ? null : ConfigMessages.Required);
            return null;
        }

        if (string.IsNullOrWhiteSpace(value.Text))
        {
            Error(value.Line, value.Path, value.Text is null ? ConfigMessages.Required : ConfigMessages.MustNotBeEmpty);
            return null;
        }

        return value.Text;
    }

    private string? OptionalText(SettingsValue? value)
    {
        if (value?.Text is null)
        {
            return null;
        }

        if (string.IsNullOrWhiteSpace(value.Text))
        {
            Error(value.Line, value.Path, ConfigMessages.MustNotBeEmpty);
            return null;
        }

        return value.Text;
    }
}
