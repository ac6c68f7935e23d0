using System.Text;
using SecretBroker.Backends;
using SecretBroker.FileBackend;
using SecretBroker.Testing.Backends;
using Xunit.Abstractions;

namespace SecretBroker.Core.Tests.FileBackend;

/// <summary>The file backend (directory mode) against the shared backend conformance suite.</summary>
#pragma warning disable CA1001 // The directory is removed in DisposeStoreAsync (xunit's IAsyncLifetime), after the backend.
public sealed class FileBackendConformanceTests(ITestOutputHelper output) : SecretBackendConformanceTests(output)
#pragma warning restore CA1001
{
    private readonly TempDirectory _dir = new();

    protected override string CallsUnavailable =>
        "the file backend makes no calls to a store, it reads files; that one read serves a whole group is shown with a value that changes on every read instead";

    protected override string GroupsPerCallUnavailable =>
        "the file backend's MaxBatchSize is unbounded: a whole fetch is one pass over the directory, each file read once";

    protected override string HoldUnavailable =>
        "the file backend reads synchronously (the engine runs it on the thread pool and stops waiting on cancellation), so nothing is in flight to hold; it checks the token before each file";

    protected override ISecretBackend CreateBackend() => new FileSecretBackend(new FileSecretBackendOptions { Path = _dir.Path });

    protected override Task PutSecretAsync(string id, string value)
    {
        // Replaced by rename, as a writer should, so a read never sees half a value.
        string file = Path.Combine(_dir.Path, id);
        File.Delete(file);
        File.WriteAllText(file + ".tmp", value);
        File.Move(file + ".tmp", file, overwrite: true);
        return Task.CompletedTask;
    }

    protected override Task BreakSecretAsync(string id)
    {
        // The value is still the file's first bytes, but the file grew past the backend's 1 MiB bound: every read fails.
        string file = Path.Combine(_dir.Path, id);
        byte[] value = File.ReadAllBytes(file);
        using FileStream stream = File.Open(file, FileMode.Append);
        byte[] padding = Encoding.UTF8.GetBytes(string.Concat(Enumerable.Repeat(Encoding.UTF8.GetString(value) + " ", 1 + ((2 * 1024 * 1024) / (value.Length + 1)))));
        stream.Write(padding);
        return Task.CompletedTask;
    }

    protected override Task<bool> PutValueChangingOnEveryReadAsync(string id)
    {
        // /proc/self/io is a regular file whose rchar grows with every read, this one included: no two reads agree.
        if (!File.Exists("/proc/self/io"))
        {
            return Task.FromResult(false);
        }

        File.CreateSymbolicLink(Path.Combine(_dir.Path, id), "/proc/self/io");
        return Task.FromResult(true);
    }

    protected override string ChangingValueUnavailable => "this system has no /proc/self/io";

    protected override Task DisposeStoreAsync()
    {
        _dir.Dispose();
        return Task.CompletedTask;
    }
}
