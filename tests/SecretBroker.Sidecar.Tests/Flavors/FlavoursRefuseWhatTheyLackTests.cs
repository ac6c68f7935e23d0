using SecretBroker.Sidecar.Configuration;
using SecretBroker.Sidecar.Flavors;
using SecretBroker.Sidecar.Tests.Configuration;

namespace SecretBroker.Sidecar.Tests.Flavors;

/// <summary>
/// A flavour built without a backend type or a listener refuses a config that asks for it, at config time, like every
/// config error (<c>FILE:LINE: key: problem</c>, all at once), naming the flavours that have it.
/// </summary>
public class FlavoursRefuseWhatTheyLackTests
{
    private const string AwsWithListeners = """
        backends:
          models:
            type: aws-secrets-manager
            region: us-west-2
            identity: irsa
        secrets:
          - { name: hf-token, backend: models, id: prod/hf }
        outputs:
          files: { dir: /dev/shm/sb-flavour }
          socket: { path: /dev/shm/sb-flavour-sock/broker.sock }
          http: { listen: "127.0.0.1:0" }
        """;

    [Fact]
    public void The_files_flavour_names_the_aws_backend_and_both_listeners_with_the_flavours_that_have_them()
    {
        string errors = Errors(AwsWithListeners, SidecarFlavor.Files);

        Assert.Contains("secretbroker.yaml:3: backends.models.type: backend type 'aws-secrets-manager' is not registered (available: file); "
            + "this secretbroker is the 'files' flavour, built without it; use the 'aws' or 'all' flavour (image build arg FLAVOR)", errors, StringComparison.Ordinal);
        Assert.Contains("secretbroker.yaml:10: outputs.socket: the socket API is not in the 'files' flavour of secretbroker; use the 'aws', 'azure', 'vault' or 'all' flavour", errors, StringComparison.Ordinal);
        Assert.Contains("secretbroker.yaml:11: outputs.http: the loopback listener is not in the 'files' flavour of secretbroker; use the 'aws', 'azure', 'vault' or 'all' flavour", errors, StringComparison.Ordinal);
    }

    [Fact]
    public void The_aws_flavour_takes_the_aws_backend_the_socket_and_the_listener()
    {
        SidecarSettings settings = SidecarSettingsLoader.Parse(AwsWithListeners, "secretbroker.yaml", "/etc/secretbroker/secretbroker.yaml", SidecarFlavor.Aws);

        Assert.Equal("aws-secrets-manager", Assert.Single(settings.Backends).Value.Type.TypeName);
        Assert.NotNull(settings.Outputs.Socket);
        Assert.NotNull(settings.Outputs.Http);
    }

    [Fact]
    public void The_aws_flavour_names_the_hugging_face_backend_as_the_all_flavours()
    {
        string errors = Errors("""
            backends:
              hub:
                type: huggingface-oidc
                tokenFile: /var/run/secrets/hf/token
            secrets:
              - { name: hf-token, backend: hub, id: hf-token }
            outputs:
              files: { dir: /dev/shm/sb-flavour }
            """, SidecarFlavor.Aws);

        Assert.Contains("secretbroker.yaml:3: backends.hub.type: backend type 'huggingface-oidc' is not registered (available: file, aws-secrets-manager); "
            + "this secretbroker is the 'aws' flavour, built without it; use the 'all' flavour", errors, StringComparison.Ordinal);
    }

    [Fact]
    public void The_vault_flavour_takes_the_vault_backend_and_the_socket_and_names_the_aws_backend_it_lacks()
    {
        const string Vault = """
            backends:
              vault:
                type: vault
                address: https://vault.example:8200
                auth: { method: kubernetes, role: inference }
            secrets:
              - { name: db, backend: vault, id: secret/data/app/db }
            outputs:
              files: { dir: /dev/shm/sb-flavour }
              socket: { path: /dev/shm/sb-flavour-sock/broker.sock }
            """;
        SidecarSettings settings = SidecarSettingsLoader.Parse(Vault, "secretbroker.yaml", "/etc/secretbroker/secretbroker.yaml", SidecarFlavor.Vault);

        Assert.Equal("vault", Assert.Single(settings.Backends).Value.Type.TypeName);
        Assert.NotNull(settings.Outputs.Socket);
        Assert.Contains("secretbroker.yaml:3: backends.models.type: backend type 'aws-secrets-manager' is not registered (available: file, vault); "
            + "this secretbroker is the 'vault' flavour, built without it; use the 'aws' or 'all' flavour (image build arg FLAVOR)",
            Errors(AwsWithListeners, SidecarFlavor.Vault), StringComparison.Ordinal);
        Assert.Contains("backend type 'vault' is not registered (available: file, aws-secrets-manager); this secretbroker is the 'aws' flavour, built without it; use the 'vault' or 'all' flavour",
            Errors(Vault, SidecarFlavor.Aws), StringComparison.Ordinal);
    }

    [Fact]
    public void The_files_flavour_refuses_the_credentials_route()
    {
        string errors = Errors(ConfigWithCredentials, SidecarFlavor.Files);

        Assert.Contains(": credentials: the credentials route is not in the 'files' flavour of secretbroker; use the 'aws' or 'all' flavour", errors, StringComparison.Ordinal);
    }

    [Fact]
    public void The_files_flavour_takes_the_file_backend_and_the_files_output()
    {
        SidecarSettings settings = SidecarSettingsLoader.Parse(ConfigFixture.Valid, "secretbroker.yaml", "/etc/secretbroker/secretbroker.yaml", SidecarFlavor.Files);

        Assert.Equal("file", Assert.Single(settings.Backends).Value.Type.TypeName);
        Assert.Null(settings.Outputs.Socket);
    }

    private const string ConfigWithCredentials = """
        backends:
          local: { type: file, path: ./secrets }
        secrets:
          - { name: hf-token, backend: local, id: hf-token }
        outputs:
          files: { dir: /dev/shm/sb-flavour }
        credentials:
          weights:
            type: aws-assume-role
            roleArn: arn:aws:iam::111122223333:role/weights
        """;

    private static string Errors(string text, SidecarFlavor flavor) =>
        Assert.Throws<ConfigurationException>(() => SidecarSettingsLoader.Parse(text, "secretbroker.yaml", "/etc/secretbroker/secretbroker.yaml", flavor)).Message;
}
