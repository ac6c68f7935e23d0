using System.Diagnostics;

namespace SecretBroker.EndToEnd.Tests.Infrastructure;

/// <summary>
/// Runs a tool script from <c>Tools/</c> with the system python as uid/gid 65534 (no supplementary groups) through
/// <c>setpriv</c>: another user on the same machine, as an attacker in the pod would be.
/// </summary>
internal sealed class OtherUid : IAsyncDisposable
{
    public const int Uid = 65534;

    private readonly Process _process;
    private readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly List<string> _output = [];

    private OtherUid(Process process)
    {
        _process = process;
        _process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is null)
            {
                return;
            }

            lock (_output)
            {
                _output.Add(e.Data);
            }

            if (e.Data == "ready")
            {
                _ready.TrySetResult();
            }
        };
    }

    public string Output
    {
        get
        {
            lock (_output)
            {
                return string.Join('\n', _output);
            }
        }
    }

    /// <summary>Starts <paramref name="script"/> with <paramref name="arguments"/> as uid 65534.</summary>
    public static OtherUid Start(string script, params string[] arguments)
    {
        // The script's text goes on the command line: uid 65534 may not be able to read the build output.
        string python = File.Exists("/usr/bin/python3") ? "/usr/bin/python3" : "python3";
        var info = new ProcessStartInfo("setpriv")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        string[] command = ["--reuid", Uid.ToString(System.Globalization.CultureInfo.InvariantCulture), "--regid", Uid.ToString(System.Globalization.CultureInfo.InvariantCulture), "--clear-groups",
            python, "-c", File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Tools", script)), .. arguments];
        foreach (var argument in command)
        {
            info.ArgumentList.Add(argument);
        }

        var process = new Process { StartInfo = info };
        var other = new OtherUid(process);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return other;
    }

    /// <summary>Waits for the script's <c>ready</c> line.</summary>
    public async Task WaitReadyAsync()
    {
        var finished = _process.WaitForExitAsync();
        if (await Task.WhenAny(_ready.Task, finished).WaitAsync(TimeSpan.FromSeconds(20)) != _ready.Task)
        {
            throw new InvalidOperationException($"the uid-{Uid} script exited before it was ready (exit {_process.ExitCode}): {Output}");
        }
    }

    /// <summary>Waits for the script to exit and returns its output.</summary>
    public async Task<string> WaitForExitAsync(TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        await _process.WaitForExitAsync(cts.Token);
        await _process.WaitForExitAsync();
        return Output;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }
}
