namespace SecretBroker.Emulators.S3;

/// <summary>An S3 error: its code, HTTP status and message, written as S3's <c>&lt;Error&gt;</c> XML (no body for HEAD).</summary>
public sealed record S3Error(string Code, int Status, string Message)
{
    public string? Key { get; init; }

    public string? BucketName { get; init; }

    public static S3Error NoSuchBucket(string bucket) => new("NoSuchBucket", 404, "The specified bucket does not exist") { BucketName = bucket };

    public static S3Error NoSuchKey(string key) => new("NoSuchKey", 404, "The specified key does not exist.") { Key = key };

    public static S3Error AccessDenied() => new("AccessDenied", 403, "Access Denied");

    /// <summary>
    /// S3's word for each SigV4 failure the shared verifier reports in Secrets Manager's terms (S3 answers 403
    /// <c>SignatureDoesNotMatch</c> where Secrets Manager says <c>InvalidSignatureException</c>).
    /// </summary>
    public static S3Error FromSignatureFailure(string code, string message) => code switch
    {
        "MissingAuthenticationTokenException" => new("AccessDenied", 403, "Access Denied"),
        "IncompleteSignature" => new("AuthorizationHeaderMalformed", 400, message),
        "InvalidClientTokenId" => new("InvalidAccessKeyId", 403, "The AWS Access Key Id you provided does not exist in our records."),
        "UnrecognizedClientException" => new("InvalidToken", 400, "The provided token is malformed or otherwise invalid."),
        "ExpiredTokenException" => new("ExpiredToken", 400, "The provided token has expired."),
        _ when message.StartsWith("Signature expired", StringComparison.Ordinal) => new("RequestTimeTooSkewed", 403, "The difference between the request time and the current time is too large."),
        _ => new("SignatureDoesNotMatch", 403, "The request signature we calculated does not match the signature you provided. Check your key and signing method."),
    };
}
