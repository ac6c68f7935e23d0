using Xunit.Abstractions;

namespace SecretBroker.Azure.Tests;

/// <summary>The Key Vault backend in list mode (the listing as the probe) against the whole conformance suite.</summary>
public sealed class AzureListModeConformanceTests(ITestOutputHelper output) : AzureBackendConformanceTests(output, AzureRefreshMode.List);
