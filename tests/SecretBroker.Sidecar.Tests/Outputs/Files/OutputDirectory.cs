using System.Diagnostics;
using System.Text;

using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

using SecretBroker.Sidecar.Configuration;
using SecretBroker.Sidecar.Outputs.Files;

namespace SecretBroker.Sidecar.Tests.Outputs.Files;

/// <summary>
/// A scratch output directory (not yet created) on tmpfs (<c>/dev/shm</c>) or on disk (the test's bin folder),
/// with helpers to build writers and generations and to inspect the layout. Removed when the test ends.
/// </summary>
internal sealed class OutputDirectory : IDisposable
{
    public const UnixFileMode DefaultFileMode = UnixFileMode.UserRead | UnixFileMode.GroupRead;
    public const UnixFileMode DefaultDirectoryMode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute | UnixFileMode.GroupRead | UnixFileMode.GroupExecute;

    private readonly string _root;

    private OutputDirectory(string parent)
    {
        _root = System.IO.Path.Combine(parent, $"secretbroker-test-{Guid.NewGuid():n}");
        // Private to the test's uid whatever the umask: the writer refuses a directory under a parent others can write.
        Directory.CreateDirectory(_root);
        File.SetUnixFileMode(_root, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);
        Path = System.IO.Path.Combine(_root, "out");
    }

    public string Path { get; }

    public RecordingLogger<GenerationWriter> Logger { get; } = new();

    public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2030, 1, 2, 3, 4, 5, TimeSpan.Zero));

    /// <summary>Lets the writer's grace period for replaced generations pass (they are removed on its timer).</summary>
    public void PassRetirementGrace() => Clock.Advance(GenerationWriter.RetiredGenerationGrace);

    public static OutputDirectory OnTmpfs() => new("/dev/shm");

    public static OutputDirectory OnDisk()
    {
        string parent = AppContext.BaseDirectory;
        Assert.NotEqual("tmpfs", FileSystemTypeName(parent));
        return new OutputDirectory(parent);
    }

    public GenerationWriter Writer(
        UnixFileMode fileMode = DefaultFileMode,
        UnixFileMode directoryMode = DefaultDirectoryMode,
        int? group = null,
        bool requireTmpfs = true,
        IReadOnlySet<string>? retained = null,
        bool allowShared = false,
        SecretFileLayout? layout = null) =>
        new(new FilesOutputSettings(Path, fileMode, directoryMode, group, requireTmpfs) { AllowSharedDirectory = allowShared }, Clock, Logger, retained, layout);

    public string Root => _root;

    public static SecretGeneration Generation(long number, params (string Name, string Value)[] secrets) =>
        new(number, DateTimeOffset.UnixEpoch, secrets.Select(s => new SecretEntry(s.Name, Encoding.UTF8.GetBytes(s.Value), "v", DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch, stale: false)), secrets.Select(s => s.Name));

    public string? DataTarget => new FileInfo(Entry("..data")).LinkTarget;

    public string Entry(string name) => System.IO.Path.Combine(Path, name);

    public string ReadVisible(string name) => File.ReadAllText(Entry(name));

    /// <summary>Every entry name in the directory, sorted.</summary>
    public string[] Entries() => [.. Directory.EnumerateFileSystemEntries(Path).Select(System.IO.Path.GetFileName).Order(StringComparer.Ordinal)!];

    public string[] GenerationDirectories() => [.. Entries().Where(e => e.StartsWith("..", StringComparison.Ordinal) && e is not "..data" and not "..lock")];

    public static string FileSystemTypeName(string path) => Run("stat", "-f", "-c", "%T", path);

    public static int GroupOf(string path) => int.Parse(Run("stat", "-c", "%g", path), System.Globalization.CultureInfo.InvariantCulture);

    public static string Run(string file, params string[] arguments)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true };
        foreach (string argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using Process process = Process.Start(start)!;
        string output = process.StandardOutput.ReadToEnd().Trim();
        process.WaitForExit();
        Assert.Equal(0, process.ExitCode);
        return output;
    }

    public void Dispose()
    {
        // Generation directories may be read-only for the owner (custom modes); open them up before deleting.
        foreach (string dir in Directory.EnumerateDirectories(_root, "*", SearchOption.AllDirectories))
        {
            if (new DirectoryInfo(dir).LinkTarget is null)
            {
                File.SetUnixFileMode(dir, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            }
        }

        Directory.Delete(_root, recursive: true);
    }
}

/// <summary>Collects log events so tests can assert EventIds (never values).</summary>
internal sealed class RecordingLogger<T> : ILogger<T>
{
    private readonly List<(int EventId, string Message)> _events = [];

    public IReadOnlyList<(int EventId, string Message)> Events
    {
        get
        {
            lock (_events)
            {
                return [.. _events];
            }
        }
    }

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        lock (_events)
        {
            _events.Add((eventId.Id, formatter(state, exception)));
        }
    }
}
