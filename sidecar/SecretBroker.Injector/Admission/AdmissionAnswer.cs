namespace SecretBroker.Injector.Admission;

/// <summary>The HTTP answer to one POST /mutate: status, body and its content type.</summary>
internal sealed record AdmissionAnswer(int StatusCode, byte[] Body, string ContentType);
