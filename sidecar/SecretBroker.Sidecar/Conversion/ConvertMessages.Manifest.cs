using SecretBroker.Sidecar.Configuration;

namespace SecretBroker.Sidecar.Conversion;

/// <content>The manifest reader's limits, which quote the config reader's (not compiled into the injector).</content>
internal static partial class ConvertMessages
{
    public static readonly string NestedTooDeep =
        Invariant($"nested more than {YamlConfigParser.MaxDepth} levels deep (a pod manifest's annotations are 3 to 6 deep)");

    public static readonly string TooLarge =
        Invariant($"larger than {SidecarSettingsLoader.MaxFileBytes / 1024} KiB; a manifest is a few kilobytes");
}
