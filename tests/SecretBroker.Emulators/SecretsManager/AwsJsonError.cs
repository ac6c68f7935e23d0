namespace SecretBroker.Emulators.SecretsManager;

/// <summary>A JSON 1.1 protocol error: <c>{"__type":"Code","Message":"…"}</c> with its HTTP status.</summary>
public sealed record AwsJsonError(string Code, int Status, string Message)
{
    public static AwsJsonError NotFound(string message = "Secrets Manager can't find the specified secret.") =>
        new("ResourceNotFoundException", 400, message);

    public static AwsJsonError InvalidParameter(string message) => new("InvalidParameterException", 400, message);

    public static AwsJsonError InvalidRequest(string message) => new("InvalidRequestException", 400, message);

    public static AwsJsonError Validation(string message) => new("ValidationException", 400, message);
}
