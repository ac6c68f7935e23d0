using System.Globalization;
using k8s.Models;

namespace SecretBroker.Injector.Mutation;

/// <summary>The variables that tell a consumer where the secrets are; paths and a uid only, never a value.</summary>
internal static class ConsumerEnvironment
{
    public static IReadOnlyList<V1EnvVar> For(InjectionRequest request)
    {
        List<V1EnvVar> env = [];
        if (!request.InitOnly)
        {
            // An init container run once serves no socket: clients go straight to the files.
            env.Add(new() { Name = "SECRETBROKER_SOCKET", Value = InjectorLayout.SocketPath });
        }

        env.Add(new() { Name = "SECRETBROKER_SECRETS_DIR", Value = request.SecretsDirectory });
        if (!request.InitOnly)
        {
            // The emptyDir is writable by every container, so clients check the socket's server against this uid.
            env.Add(new() { Name = "SECRETBROKER_SOCKET_UID", Value = InjectorLayout.SidecarUid.ToString(CultureInfo.InvariantCulture) });
        }

        if (request.HasHuggingFaceToken)
        {
            // The sidecar's profile: huggingface layout: <dir>/<name> and <dir>/hf/token.
            env.Add(new() { Name = "HF_TOKEN_PATH", Value = $"{InjectorLayout.SecretsDirectory}/{InjectorLayout.HuggingFaceSecretName}" });
            env.Add(new() { Name = "HF_HOME", Value = $"{InjectorLayout.SecretsDirectory}/hf" });
        }

        return env;
    }
}
