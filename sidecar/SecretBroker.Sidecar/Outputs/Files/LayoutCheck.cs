namespace SecretBroker.Sidecar.Outputs.Files;

/// <summary>What <see cref="GenerationWriter.VerifyLayout"/> found.</summary>
internal enum LayoutCheck
{
    /// <summary><c>..data</c> and every link point where they should; nothing was done.</summary>
    Intact,

    /// <summary><c>..data</c> or a <c>&lt;name&gt;</c> link was wrong or missing and has been put back.</summary>
    Repaired,

    /// <summary>
    /// The current generation directory (or a file in it) is gone. The writer keeps no values, so it forgot that
    /// generation: the caller must <see cref="GenerationWriter.Write"/> the engine's current one again.
    /// </summary>
    GenerationLost,
}
