namespace SecretBroker.Injector.Mutation;

/// <summary>What the injector answers for one pod: nothing to do, a patch, or a denial naming every problem.</summary>
/// <param name="Warnings">Shown by kubectl to whoever created the pod (AdmissionResponse <c>warnings</c>).</param>
internal sealed record MutationResult(MutationOutcome Outcome, byte[]? Patch, string? Message, IReadOnlyList<string> Warnings)
{
    public static MutationResult Untouched(MutationOutcome outcome) => new(outcome, null, null, []);

    public static MutationResult Injected(byte[] patch, IReadOnlyList<string> warnings) => new(MutationOutcome.Injected, patch, null, warnings);

    public static MutationResult Denied(IEnumerable<string> problems) => new(MutationOutcome.Denied, null, string.Join("; ", problems), []);
}
