namespace SecretBroker.Injector.Mutation;

/// <summary>The outcome of reading a pod's annotations: leave it, inject, or deny with every problem named.</summary>
internal sealed class AnnotationReading
{
    private AnnotationReading(AnnotationOutcome outcome, InjectionRequest? request, IReadOnlyList<string> problems)
    {
        Outcome = outcome;
        Request = request;
        Problems = problems;
    }

    public static AnnotationReading NotRequested { get; } = new(AnnotationOutcome.NotRequested, null, []);

    public static AnnotationReading AlreadyInjected { get; } = new(AnnotationOutcome.AlreadyInjected, null, []);

    public AnnotationOutcome Outcome { get; }

    public InjectionRequest? Request { get; }

    public IReadOnlyList<string> Problems { get; }

    public static AnnotationReading Inject(InjectionRequest request) => new(AnnotationOutcome.Inject, request, []);

    public static AnnotationReading Invalid(IReadOnlyList<string> problems) => new(AnnotationOutcome.Invalid, null, problems);
}

