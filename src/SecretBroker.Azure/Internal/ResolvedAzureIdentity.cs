using Azure.Core;

namespace SecretBroker.Azure.Internal;

/// <summary>The outcome of identity resolution.</summary>
/// <param name="Description">
/// What authenticates, for <c>check</c>: <c>identity workload-identity client … tenant … token file … authority …</c>,
/// or the managed-identity fallback and why. Never a token.
/// </param>
/// <param name="Credential">The Azure.Identity credential; it caches and refreshes its own tokens.</param>
/// <param name="Loopback">Whether the authority is a loopback host (an emulator): instance discovery is off then.</param>
internal sealed record ResolvedAzureIdentity(string Description, TokenCredential Credential, bool Loopback);
