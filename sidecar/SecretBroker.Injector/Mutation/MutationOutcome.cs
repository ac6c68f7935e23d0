namespace SecretBroker.Injector.Mutation;

/// <summary>How one admission request ended (logged, and asserted by tests).</summary>
internal enum MutationOutcome
{
    /// <summary>Not opted in (<c>inject</c> absent or <c>"false"</c>), or not a pod creation: allowed unchanged.</summary>
    NotRequested,

    /// <summary><c>inject-status: injected</c>: a reinvocation or a re-submitted pod; allowed unchanged.</summary>
    AlreadyInjected,

    /// <summary>Allowed with a patch.</summary>
    Injected,

    /// <summary>Refused, with a message naming each problem.</summary>
    Denied,
}
