namespace SecretBroker.Sidecar.Tests.Outputs.Http.Credentials;

/// <summary>
/// Tests that set the process-wide <c>AWS_CONTAINER_*</c> variables the AWS SDK for .NET reads run alone: another
/// test resolving an AWS identity meanwhile would find them.
/// </summary>
[CollectionDefinition(nameof(ContainerCredentialsEnvironment), DisableParallelization = true)]
public sealed class ContainerCredentialsEnvironment;
