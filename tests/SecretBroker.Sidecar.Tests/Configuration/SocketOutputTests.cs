using SecretBroker.Sidecar.Configuration;

namespace SecretBroker.Sidecar.Tests.Configuration;

public class SocketOutputTests
{
    private const string SocketOnly = """
        backends:
          local:
            type: file
            path: ./secrets
        secrets:
          - name: hf-token
            backend: local
            id: hf-token
        outputs:
          socket:
            path: /dev/shm/sb-test/broker.sock
        """;

    [Fact]
    public void A_socket_alone_is_a_valid_output_with_safe_defaults()
    {
        SidecarSettings settings = ConfigFixture.Load(SocketOnly);

        Assert.Null(settings.Outputs.Files);
        SocketOutputSettings socket = settings.Outputs.Socket!;
        Assert.Equal("/dev/shm/sb-test/broker.sock", socket.Path);
        Assert.Equal(Convert.ToInt32("660", 8), (int)socket.Mode);
        Assert.Null(socket.Group);
        Assert.True(socket.Allowed.IsEmpty);
        Assert.Equal(64, socket.MaxConnections);
        Assert.Empty(settings.SecretAccess);
    }

    [Fact]
    public void Every_socket_key_is_read()
    {
        SocketOutputSettings socket = Load("""
                mode: "0666"
                group: 2000
                allowUids: [1000, 1001]
                allowGids:
                  - 3000
                maxConnections: 4096
            """);

        Assert.Equal(Convert.ToInt32("666", 8), (int)socket.Mode);
        Assert.Equal(2000, socket.Group);
        Assert.Equal([1000u, 1001u], socket.Allowed.Uids);
        Assert.Equal([3000u], socket.Allowed.Gids);
        Assert.Equal(4096, socket.MaxConnections);
    }

    [Fact]
    public void A_relative_socket_path_is_resolved_against_the_config_directory()
    {
        SidecarSettings settings = ConfigFixture.Load(SocketOnly.Replace("/dev/shm/sb-test/broker.sock", "run/broker.sock", StringComparison.Ordinal));

        Assert.True(Path.IsPathRooted(settings.Outputs.Socket!.Path));
        Assert.EndsWith("/run/broker.sock", settings.Outputs.Socket.Path, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("mode: \"4660\"", "outputs.socket.mode: '4660' sets setuid, setgid or sticky bits")]
    [InlineData("mode: \"0460\"", "outputs.socket.mode: '0460' must give the owner read and write")]
    [InlineData("mode: \"0999\"", "outputs.socket.mode: '0999' is not an octal file mode")]
    [InlineData("maxConnections: 0", "outputs.socket.maxConnections: '0' is out of range (1 to 4096)")]
    [InlineData("maxConnections: 4097", "outputs.socket.maxConnections: '4097' is out of range (1 to 4096)")]
    [InlineData("maxConnections: many", "outputs.socket.maxConnections: 'many' is not a whole number")]
    [InlineData("group: staff", "outputs.socket.group: 'staff' is not a group id")]
    [InlineData("allowUids: 1000", "outputs.socket.allowUids: expected a list, found a value")]
    [InlineData("allowUids: [1000, root]", "outputs.socket.allowUids[1]: 'root' is not a user id")]
    [InlineData("allowGids: [-5]", "outputs.socket.allowGids[0]: '-5' is not a group id")]
    [InlineData("listen: 8080", "outputs.socket.listen: unknown key")]
    public void Bad_socket_values_are_reported_with_their_line(string line, string problem) =>
        Assert.Contains(":12: " + problem, ConfigFixture.Errors(SocketOnly + "\n    " + line), StringComparison.Ordinal);

    [Fact]
    public void The_socket_path_is_required() =>
        Assert.Contains(":10: outputs.socket.path: is required", ConfigFixture.Errors(SocketOnly.Replace("    path: /dev/shm/sb-test/broker.sock", "    mode: \"0660\"", StringComparison.Ordinal)), StringComparison.Ordinal);

    [Fact]
    public void Per_secret_allow_lists_narrow_socket_reads()
    {
        SidecarSettings settings = ConfigFixture.Load(SocketOnly.Replace("    id: hf-token", "    id: hf-token\n    allowUids: [1000]\n    allowGids: [2000]", StringComparison.Ordinal));

        PeerAllowList access = settings.SecretAccess["hf-token"];
        Assert.Equal([1000u], access.Uids);
        Assert.Equal([2000u], access.Gids);
    }

    [Fact]
    public void Per_secret_allow_lists_without_a_socket_are_rejected_rather_than_silently_unused()
    {
        string config = ConfigFixture.Valid.Replace("    id: hf-token", "    id: hf-token\n    allowUids: [1000]", StringComparison.Ordinal);

        Assert.Contains(":9: secrets[0].allowUids: applies to reads over outputs.socket", ConfigFixture.Errors(config), StringComparison.Ordinal);
    }

    [Fact]
    public void Files_and_socket_may_be_configured_together()
    {
        SidecarSettings settings = ConfigFixture.Load(ConfigFixture.Valid + "\n  socket: { path: /dev/shm/sb-test/broker.sock }");

        Assert.NotNull(settings.Outputs.Files);
        Assert.NotNull(settings.Outputs.Socket);
    }

    private static SocketOutputSettings Load(string keys) => ConfigFixture.Load(SocketOnly + "\n" + keys.TrimEnd()).Outputs.Socket!;
}
