using System.Globalization;
using System.Xml.Linq;
using SecretBroker.Emulators.Sessions;

namespace SecretBroker.Emulators.Sts;

/// <summary>The Query protocol's XML bodies (protocols.md §1), in the STS namespace.</summary>
internal static class StsXml
{
    private static readonly XNamespace Ns = "https://sts.amazonaws.com/doc/2011-06-15/";

    public static string Success(Session session, string subject, string audience, string provider, string assumedRoleId, string requestId) =>
        new XElement(Ns + "AssumeRoleWithWebIdentityResponse",
            new XElement(Ns + "AssumeRoleWithWebIdentityResult",
                new XElement(Ns + "SubjectFromWebIdentityToken", subject),
                new XElement(Ns + "Audience", audience),
                new XElement(Ns + "AssumedRoleUser",
                    new XElement(Ns + "Arn", session.AssumedRoleArn),
                    new XElement(Ns + "AssumedRoleId", assumedRoleId)),
                new XElement(Ns + "Credentials",
                    new XElement(Ns + "AccessKeyId", session.AccessKeyId),
                    new XElement(Ns + "SecretAccessKey", session.SecretAccessKey),
                    new XElement(Ns + "SessionToken", session.SessionToken),
                    new XElement(Ns + "Expiration", session.Expiration.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture))),
                new XElement(Ns + "Provider", provider)),
            new XElement(Ns + "ResponseMetadata", new XElement(Ns + "RequestId", requestId)))
        .ToString(SaveOptions.DisableFormatting);

    public static string AssumeRoleSuccess(Session session, string assumedRoleId, int packedPolicySize, string requestId) =>
        new XElement(Ns + "AssumeRoleResponse",
            new XElement(Ns + "AssumeRoleResult",
                new XElement(Ns + "AssumedRoleUser",
                    new XElement(Ns + "Arn", session.AssumedRoleArn),
                    new XElement(Ns + "AssumedRoleId", assumedRoleId)),
                new XElement(Ns + "Credentials",
                    new XElement(Ns + "AccessKeyId", session.AccessKeyId),
                    new XElement(Ns + "SecretAccessKey", session.SecretAccessKey),
                    new XElement(Ns + "SessionToken", session.SessionToken),
                    new XElement(Ns + "Expiration", session.Expiration.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture))),
                new XElement(Ns + "PackedPolicySize", packedPolicySize)),
            new XElement(Ns + "ResponseMetadata", new XElement(Ns + "RequestId", requestId)))
        .ToString(SaveOptions.DisableFormatting);

    public static string Error(StsError error, string requestId) =>
        new XElement(Ns + "ErrorResponse",
            new XElement(Ns + "Error",
                new XElement(Ns + "Type", error.Status >= 500 ? "Receiver" : "Sender"),
                new XElement(Ns + "Code", error.Code),
                new XElement(Ns + "Message", error.Message)),
            new XElement(Ns + "RequestId", requestId))
        .ToString(SaveOptions.DisableFormatting);
}

/// <summary>An STS error code with its HTTP status.</summary>
internal sealed record StsError(string Code, int Status, string Message)
{
    public static StsError Validation(string message) => new("ValidationError", 400, message);

    public static StsError InvalidIdentityToken(string message) => new("InvalidIdentityToken", 400, message);
}
