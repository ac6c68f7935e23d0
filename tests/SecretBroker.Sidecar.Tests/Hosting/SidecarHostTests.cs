using SecretBroker.FileBackend;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Time.Testing;
using SecretBroker.Sidecar.Configuration;
using SecretBroker.Sidecar.Hosting;
using SecretBroker.Sidecar.Outputs.Files;
using SecretBroker.Sidecar.Outputs.Http;
using SecretBroker.Sidecar.Outputs.Socket;

namespace SecretBroker.Sidecar.Tests.Hosting;

public class SidecarHostTests
{
    private static SidecarSettings Settings(string outputDir) => new(
        "/etc/secretbroker/secretbroker.yaml",
        new Dictionary<string, ConfiguredBackend> { ["local"] = new ConfiguredBackend("local", FileSecretBackendType.Instance, new FileSecretBackendOptions { Path = "/srv/secrets" }) },
        [new SecretDefinition("hf-token", "local", "hf-token", TimeSpan.FromSeconds(2))],
        new OutputSettings(new FilesOutputSettings(outputDir, (UnixFileMode)0b100_100_000, (UnixFileMode)0b111_101_000, null, RequireTmpfs: true)));

    [Fact]
    public void Building_the_host_starts_nothing_and_creates_no_directory()
    {
        using TempDirectory dir = new(onTmpfs: true);
        string output = Path.Combine(dir.Path, "out");

        using IHost host = SidecarHost.Build(Settings(output), new SidecarHostOptions { JsonConsoleLogging = false });

        Assert.False(Directory.Exists(output));
    }

    [Fact]
    public void The_output_directory_is_prepared_before_the_engine_starts_and_the_writer_runs()
    {
        ServiceCollection services = new();

        SidecarHost.AddSidecar(services, Settings("/dev/shm/unused"), new SidecarHostOptions());

        // Hosted services start in registration order.
        Assert.Equal(
            [typeof(OutputDirectoryInitializer), typeof(SecretRefreshService), typeof(FilesOutputService)],
            services.Where(d => d.ServiceType == typeof(IHostedService)).Select(d => d.ImplementationType));
    }

    [Fact]
    public void Without_a_socket_output_no_socket_server_is_registered()
    {
        ServiceCollection services = new();

        SidecarHost.AddSidecar(services, Settings("/dev/shm/unused"), new SidecarHostOptions());

        Assert.DoesNotContain(services, d => d.ImplementationType == typeof(SocketOutputService));
        Assert.DoesNotContain(services, d => d.ImplementationType == typeof(HttpOutputService));
    }

    [Fact]
    public void The_output_directory_is_locked_and_checked_before_the_socket_binds()
    {
        ServiceCollection services = new();
        SocketOutputSettings socket = new("/dev/shm/unused.sock", (UnixFileMode)0b110_110_000, null, PeerAllowList.Empty, 64);
        SidecarSettings settings = Settings("/dev/shm/unused");
        settings = settings with { Outputs = settings.Outputs with { Socket = socket } };

        SidecarHost.AddSidecar(services, settings, new SidecarHostOptions());

        Assert.Equal(
            [typeof(OutputDirectoryInitializer), typeof(SocketOutputService), typeof(SecretRefreshService), typeof(FilesOutputService)],
            services.Where(d => d.ServiceType == typeof(IHostedService)).Select(d => d.ImplementationType));
    }

    [Fact]
    public void The_loopback_listener_starts_after_the_socket_and_before_the_first_fetch()
    {
        ServiceCollection services = new();
        SocketOutputSettings socket = new("/dev/shm/unused.sock", (UnixFileMode)0b110_110_000, null, PeerAllowList.Empty, 64);
        HttpOutputSettings http = new(new System.Net.IPEndPoint(System.Net.IPAddress.Loopback, 0));
        SidecarSettings settings = Settings("/dev/shm/unused") with { Outputs = new OutputSettings(null, socket, http) };

        SidecarHost.AddSidecar(services, settings, new SidecarHostOptions());

        Assert.Equal(
            [typeof(SocketOutputService), typeof(HttpOutputService), typeof(SecretRefreshService)],
            services.Where(d => d.ServiceType == typeof(IHostedService)).Select(d => d.ImplementationType));
    }

    [Fact]
    public void The_socket_output_starts_first_when_configured()
    {
        ServiceCollection services = new();
        SocketOutputSettings socket = new("/dev/shm/unused.sock", (UnixFileMode)0b110_110_000, null, PeerAllowList.Empty, 64);
        SidecarSettings settings = Settings("/dev/shm/unused") with { Outputs = new OutputSettings(null, socket) };

        SidecarHost.AddSidecar(services, settings, new SidecarHostOptions());

        // First: it binds under a narrowed umask while nothing else creates files (see SocketFile).
        Assert.Equal(
            [typeof(SocketOutputService), typeof(SecretRefreshService)],
            services.Where(d => d.ServiceType == typeof(IHostedService)).Select(d => d.ImplementationType));
    }

    [Fact]
    public void A_test_clock_replaces_the_system_clock()
    {
        FakeTimeProvider clock = new();

        using IHost host = SidecarHost.Build(Settings("/dev/shm/unused"), new SidecarHostOptions { TimeProvider = clock, JsonConsoleLogging = false });

        Assert.Same(clock, host.Services.GetRequiredService<TimeProvider>());
    }

    [Fact]
    public void The_host_stops_within_five_seconds()
    {
        using IHost host = SidecarHost.Build(Settings("/dev/shm/unused"), new SidecarHostOptions { JsonConsoleLogging = false });

        Assert.Equal(TimeSpan.FromSeconds(5), host.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<HostOptions>>().Value.ShutdownTimeout);
    }

    [Fact]
    public void SIGTERM_and_SIGINT_stop_the_host_through_the_console_lifetime()
    {
        using IHost host = SidecarHost.Build(Settings("/dev/shm/unused"), new SidecarHostOptions { JsonConsoleLogging = false });

        Assert.Equal("ConsoleLifetime", host.Services.GetRequiredService<IHostLifetime>().GetType().Name);
    }
}
