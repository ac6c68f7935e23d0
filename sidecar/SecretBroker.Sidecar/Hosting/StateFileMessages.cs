namespace SecretBroker.Sidecar.Hosting;

/// <summary>Why a state file on the files volume was not used (logged; never its content).</summary>
internal static class StateFileMessages
{
    public const string NotRegular = "it is not a regular file";
    public const string WrongOwner = "another user owns it";
    public const string TooOpen = "its mode gives others access to it";
    public const string ShortRead = "it could not be read whole";
    public const string NotExpectedContent = "it does not hold the expected content";

    public static string WrongSize(int size) => $"it does not hold exactly {size} bytes";

    public static string TooLarge(int maxSize) => $"it holds more than {maxSize} bytes";

    public static string Failed(string reason) => $"it cannot be read: {reason}";
}
