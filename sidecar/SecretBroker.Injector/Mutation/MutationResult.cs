namespace SecretBroker.Injector.Mutation;

/// <summary>What the injector answers for one pod: nothing to do, a patch, or a denial naming every problem.</summary>
internal sealed record MutationResult(MutationOutcome Outcome, byte[]? Patch, string? Message)
{
    public static MutationResult Untouched(MutationOutcome outcome) => new(outcome, null, null);

    public static MutationResult Injected(byte[] patch) => new(MutationOutcome.Injected, patch, null);

    public static MutationResult Denied(IEnumerable<string> problems) => new(MutationOutcome.Denied, null, string.Join("; ", problems));
}
