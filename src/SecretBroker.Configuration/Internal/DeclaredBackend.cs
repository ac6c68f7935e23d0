using SecretBroker.Backends;

namespace SecretBroker.Configuration.Internal;

/// <summary>A backend added in code (<c>b.AddBackend</c>, <c>b.AddFileBackend</c>, <c>b.AddAwsSecretsManager</c>), not yet validated.</summary>
internal sealed record DeclaredBackend(string Name, SecretBackendType Type, object Options);
