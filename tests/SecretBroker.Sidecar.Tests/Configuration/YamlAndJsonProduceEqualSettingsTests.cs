using SecretBroker.FileBackend;
using SecretBroker.Sidecar.Configuration;

namespace SecretBroker.Sidecar.Tests.Configuration;

public class YamlAndJsonProduceEqualSettingsTests
{
    private const string Yaml = """
        backends:
          local: { type: file, path: /srv/secrets }
        secrets:
          - name: hf-token
            backend: local
            id: hf-token
            refresh: 30s
          - name: model-store-key
            backend: local
            id: model-store.json
            key: secretAccessKey
            version: v1
            refresh: 1m30s
            required: false
        outputs:
          files:
            dir: /dev/shm/out
            fileMode: "0400"
            dirMode: "0700"
            group: 2000
            requireTmpfs: false
        """;

    // Tab-indented, as editors and `jq` write it.
    private const string Json = """
        {
        	"backends": { "local": { "type": "file", "path": "/srv/secrets" } },
        	"secrets": [
        		{ "name": "hf-token", "backend": "local", "id": "hf-token", "refresh": "30s" },
        		{ "name": "model-store-key", "backend": "local", "id": "model-store.json", "key": "secretAccessKey",
        		  "version": "v1", "refresh": "PT1M30S", "required": false }
        	],
        	"outputs": { "files": { "dir": "/dev/shm/out", "fileMode": "0400", "dirMode": "0700", "group": 2000, "requireTmpfs": false } }
        }
        """;

    [Fact]
    public void A_JSON_config_loads_to_the_same_settings_as_the_equivalent_YAML()
    {
        SidecarSettings yaml = ConfigFixture.Load(Yaml);
        SidecarSettings json = ConfigFixture.Load(Json, "secretbroker.json");

        Assert.Equal(yaml.Backends.Keys, json.Backends.Keys);
        Assert.Equal(((FileSecretBackendOptions)yaml.Backends["local"].Options).Path, ((FileSecretBackendOptions)json.Backends["local"].Options).Path);
        Assert.Equal(yaml.Secrets, json.Secrets);
        Assert.Equal(yaml.Outputs, json.Outputs);
    }

    [Fact]
    public void Every_value_written_reaches_the_settings()
    {
        SidecarSettings settings = ConfigFixture.Load(Yaml);

        Assert.Equal("/srv/secrets", Assert.IsType<FileSecretBackendOptions>(settings.Backends["local"].Options).Path);
        SecretDefinition key = settings.Secrets[1];
        Assert.Equal(new SecretDefinition("model-store-key", "local", "model-store.json", TimeSpan.FromSeconds(90)) { Key = "secretAccessKey", Version = "v1", Required = false }, key);
        Assert.Equal(
            new FilesOutputSettings("/dev/shm/out", UnixFileMode.UserRead, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, 2000, RequireTmpfs: false),
            settings.Outputs.Files);
    }
}
