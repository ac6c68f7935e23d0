namespace SecretBroker.Injector.Mutation;

/// <summary>What <see cref="AnnotationReader"/> decided.</summary>
internal enum AnnotationOutcome
{
    NotRequested,
    AlreadyInjected,
    Inject,
    Invalid,
}
