namespace SecretBroker.Emulators.Faults;

/// <summary>
/// A fault armed for one operation (or <c>*</c> for all): latency added to every matching request, and the
/// next <see cref="Count"/> requests answered with <see cref="Kind"/> (<c>null</c> count = until cleared).
/// </summary>
public sealed record Fault
{
    public FaultKind Kind { get; init; } = FaultKind.None;
    public int? Count { get; init; }
    public TimeSpan Latency { get; init; }
}

public enum FaultKind
{
    None,
    InternalServiceError,
    ServiceUnavailable,
    Throttling,
    DropConnection,

    /// <summary>200 with <c>application/json</c> and a body that is not JSON (served by the Vault emulator).</summary>
    GarbageBody,
}
