namespace SecretBroker.Sidecar.Hosting;

/// <summary>Why a version key file was not used (logged; never the key).</summary>
internal static class VersionKeyMessages
{
    public const string NotRegular = "it is not a regular file";
    public const string WrongOwner = "another user owns it";
    public const string WrongSize = "it does not hold exactly 16 bytes";
    public const string TooOpen = "its mode lets others read it";
    public const string ShortRead = "it could not be read whole";

    public static string Failed(string reason) => $"it cannot be read: {reason}";
}
