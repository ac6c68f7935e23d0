namespace SecretBroker.Emulators.Faults;

/// <summary>One request an emulator answered: when (on the cloud's clock), the <c>service.Operation</c> and its outcome.</summary>
public sealed record RequestRecord(DateTimeOffset At, string Operation, string Outcome);
