using Xunit.Abstractions;

namespace SecretBroker.Aws.Tests;

/// <summary>The Secrets Manager backend in probe mode (DescribeSecret first) against the whole conformance suite, probes included.</summary>
public sealed class AwsProbeModeConformanceTests(ITestOutputHelper output) : AwsBackendConformanceTests(output, AwsRefreshMode.Probe);
