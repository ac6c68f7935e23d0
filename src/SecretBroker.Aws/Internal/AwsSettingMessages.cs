namespace SecretBroker.Aws.Internal;

/// <summary>Messages about an <c>aws-secrets-manager</c> backend's settings (the problem part of <c>FILE:LINE: key: problem</c>).</summary>
internal static class AwsSettingMessages
{
    public const string Required = "is required";

    public static string NotAnAwsRegion(string text) => $"'{text}' is not an AWS region (e.g. us-west-2)";

    public static string IrsaOnlyKey(string key) => $"{key} applies to identity irsa only, not pod-identity";

    public static string TimeoutOutOfRange(TimeSpan value) => $"'{value}' is out of range (1s to 10m)";
}
