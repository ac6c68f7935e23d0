namespace SecretBroker.EndToEnd.Tests.Infrastructure;

/// <summary>
/// Tests that set this process's own environment (an SDK that reads only process variables): run alone, so no other
/// test's child process inherits what they set.
/// </summary>
[CollectionDefinition(nameof(ProcessEnvironment), DisableParallelization = true)]
public sealed class ProcessEnvironment;
