using System.Net.Sockets;

using SecretBroker.Backends;
using SecretBroker.Core.Tests.Fakes;
using SecretBroker.FileBackend;
using static SecretBroker.Core.Tests.FileBackend.FileBackendFetch;

namespace SecretBroker.Core.Tests.FileBackend;

// Opening a FIFO for reading blocks until a writer appears: before the fix a fetch never returned. The fetch is started
// on the thread pool and bounded, so a regression fails here instead of hanging the run.
public class NonRegularFileTests
{
    [Fact]
    public async Task A_FIFO_among_secrets_is_a_permanent_error_naming_it_and_the_others_still_load()
    {
        using var dir = new TempDirectory();
        dir.Write("present", "x");
        string fifo = SpecialFiles.Fifo(Path.Combine(dir.Path, "pipe"));

        IReadOnlyList<SecretFetchResult> results = await FetchBoundedAsync(dir.Path, Secret("present"), Secret("pipe"));

        Assert.Equal("x", results.Single(r => r.Name == "present").Text());
        SecretBackendException error = results.Single(r => r.Name == "pipe").Error!;
        Assert.Equal(SecretErrorKind.Permanent, error.Kind);
        Assert.Equal($"file backend: secret 'pipe' in {dir.Path} is a FIFO (named pipe) ({fifo}), not a regular file; only regular files are read", error.Message);
    }

    [Fact]
    public async Task A_FIFO_as_the_JSON_path_fails_every_secret_permanently_without_blocking()
    {
        using var dir = new TempDirectory();
        string fifo = SpecialFiles.Fifo(Path.Combine(dir.Path, "secrets.json"));
        var backend = new FileSecretBackend(new FileSecretBackendOptions { Path = fifo });

        SecretBackendException error = await Assert.ThrowsAsync<SecretBackendException>(
            () => Task.Run(() => backend.FetchAsync([Secret("a"), Secret("b")], CancellationToken.None).AsTask()).Bounded());

        Assert.Equal(SecretErrorKind.Permanent, error.Kind);
        Assert.Contains("is a FIFO (named pipe)", error.Message, StringComparison.Ordinal);
        Assert.Contains(fifo, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_symlink_to_a_character_device_is_refused_rather_than_read()
    {
        using var dir = new TempDirectory();
        File.CreateSymbolicLink(Path.Combine(dir.Path, "zero"), "/dev/zero");

        SecretFetchResult result = Assert.Single(await FetchBoundedAsync(dir.Path, Secret("zero")));

        Assert.Equal(SecretErrorKind.Permanent, result.Error!.Kind);
        Assert.Contains("is a character device", result.Error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_socket_at_a_secret_path_is_named_as_a_socket()
    {
        using var dir = new TempDirectory();
        using Socket socket = SpecialFiles.UnixSocket(Path.Combine(dir.Path, "sock"));

        SecretFetchResult result = Assert.Single(await FetchBoundedAsync(dir.Path, Secret("sock")));

        Assert.Equal(SecretErrorKind.Permanent, result.Error!.Kind);
        Assert.Contains("is a socket", result.Error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_directory_at_a_secret_path_is_still_named_as_a_directory()
    {
        using var dir = new TempDirectory();
        Directory.CreateDirectory(Path.Combine(dir.Path, "sub"));

        SecretFetchResult result = Assert.Single(await FetchBoundedAsync(dir.Path, Secret("sub")));

        Assert.Equal($"file backend: secret 'sub' in {dir.Path} is a directory, not a file", result.Error!.Message);
    }

    private static Task<IReadOnlyList<SecretFetchResult>> FetchBoundedAsync(string path, params SecretDefinition[] secrets) =>
        Task.Run(() => FetchAsync(path, secrets)).Bounded();
}
