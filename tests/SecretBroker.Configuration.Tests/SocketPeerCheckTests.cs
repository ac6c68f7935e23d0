using Microsoft.Extensions.Configuration;
using SecretBroker.Configuration;
using SecretBroker.Configuration.Tests.Fakes;

namespace SecretBroker.Configuration.Tests;

/// <summary>
/// The provider checks the uid serving the socket (SO_PEERCRED): the configured <see cref="SecretBrokerSidecarConfigurationSource.SocketUid"/>
/// or <c>SECRETBROKER_SOCKET_UID</c>, else the socket file's owner. (The fake sidecar runs in this process, as the
/// test's own uid.)
/// </summary>
#pragma warning disable CA1001 // xunit disposes the fake sidecar through IAsyncLifetime.DisposeAsync.
public sealed class SocketPeerCheckTests : IAsyncLifetime
#pragma warning restore CA1001
{
    private readonly FakeSidecarServer _sidecar = new();

    public Task InitializeAsync() => _sidecar.StartAsync();

    public async Task DisposeAsync() => await _sidecar.DisposeAsync();

    [Fact]
    public void The_socket_files_owner_serving_it_is_accepted()
    {
        _sidecar.Set("hf-token", "hf_1");

        using var configuration = (ConfigurationRoot)new ConfigurationBuilder().AddSecretBrokerSidecar(s => s.SocketPath = _sidecar.SocketPath).Build();

        Assert.Equal("hf_1", configuration["hf-token"]);
    }

    [Fact]
    public void Another_uid_serving_the_socket_fails_the_first_load_even_when_optional()
    {
        _sidecar.Set("hf-token", "hf_1");
        uint other = Environment.UserName == "root" ? 4242u : 0u;

        var refused = Assert.Throws<SidecarSocketException>(() => new ConfigurationBuilder()
            .AddSecretBrokerSidecar(s => { s.SocketPath = _sidecar.SocketPath; s.SocketUid = other; s.Optional = true; })
            .Build());

        Assert.Equal(SidecarSocketFailure.Impostor, refused.Failure);
        Assert.Contains($"not the expected sidecar uid {other}", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_expected_uid_comes_from_SECRETBROKER_SOCKET_UID()
    {
        _sidecar.Set("hf-token", "hf_1");
        var source = new SecretBrokerSidecarConfigurationSource
        {
            SocketPath = _sidecar.SocketPath,
            GetEnvironmentVariable = n => n == SidecarSocket.UidVariable ? "4242" : null,
        };

        var refused = Assert.Throws<SidecarSocketException>(() => new ConfigurationBuilder().Add(source).Build());

        Assert.Contains("expected sidecar uid 4242", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_reload_that_meets_another_uid_keeps_the_last_good_data_and_throws_nothing()
    {
        _sidecar.Set("hf-token", "hf_1");
        using var configuration = (ConfigurationRoot)new ConfigurationBuilder()
            .AddSecretBrokerSidecar(s => { s.SocketPath = _sidecar.SocketPath; s.RetryInitial = TimeSpan.FromSeconds(30); s.RetryMax = TimeSpan.FromSeconds(30); })
            .Build();
        Assert.Equal("hf_1", configuration["hf-token"]);

        // A restart drops every pooled connection; the new socket file then claims an owner its server is not.
        await _sidecar.StopAsync();
        _sidecar.Set("hf-token", "hf_2");
        await _sidecar.StartAsync();
        Chown(_sidecar.SocketPath, 4242);

        configuration.Reload();

        Assert.Equal("hf_1", configuration["hf-token"]);
    }

    [Theory]
    [InlineData("root")]
    [InlineData("-1")]
    [InlineData("4294967295")]
    public void A_SECRETBROKER_SOCKET_UID_that_is_not_a_uid_is_refused_when_the_source_is_built(string value)
    {
        var source = new SecretBrokerSidecarConfigurationSource
        {
            SocketPath = _sidecar.SocketPath,
            GetEnvironmentVariable = n => n == SidecarSocket.UidVariable ? value : null,
        };

        var refused = Assert.Throws<ArgumentException>(() => new ConfigurationBuilder().Add(source).Build());

        Assert.Contains(SidecarSocket.UidVariable, refused.Message, StringComparison.Ordinal);
    }

    private static void Chown(string path, int uid)
    {
        using var chown = System.Diagnostics.Process.Start("chown", [uid.ToString(System.Globalization.CultureInfo.InvariantCulture), path])!;
        chown.WaitForExit();
        Assert.Equal(0, chown.ExitCode);
    }

    [Fact]
    public void A_missing_socket_is_named_in_plain_words()
    {
        string missing = $"/dev/shm/sb-missing-{Guid.NewGuid():N}.sock";

        var refused = Assert.Throws<SidecarSocketException>(() => new ConfigurationBuilder().AddSecretBrokerSidecar(s => s.SocketPath = missing).Build());

        Assert.Equal(SidecarSocketFailure.NotFound, refused.Failure);
        Assert.StartsWith($"there is no socket at {missing}", refused.Message, StringComparison.Ordinal);
    }
}
