using System.Runtime.InteropServices;

namespace SecretBroker.EndToEnd.Tests.Files;

/// <summary>
/// Sets this process's umask until disposed, so a sidecar started meanwhile inherits it (the end-to-end tests run one
/// at a time, so nothing else of ours creates files in between).
/// </summary>
internal sealed partial class ProcessUmask : IDisposable
{
    private readonly uint _previous;

    public ProcessUmask(uint mask) => _previous = Umask(mask);

    public void Dispose() => _ = Umask(_previous); // umask(2) cannot fail; it returns the mask it replaced

    [LibraryImport("libc", EntryPoint = "umask")]
    private static partial uint Umask(uint mask);
}
