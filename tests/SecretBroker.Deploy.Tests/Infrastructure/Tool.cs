using System.ComponentModel;
using System.Diagnostics;

namespace SecretBroker.Deploy.Tests.Infrastructure;

/// <summary>Runs an external tool (kubectl, node, the sidecar) to its end, with input on stdin and a deadline.</summary>
internal static class Tool
{
    private static readonly TimeSpan Deadline = TimeSpan.FromMinutes(2);

    public sealed record Result(int ExitCode, string Stdout, string Stderr)
    {
        public string Output => Stdout + Stderr;
    }

    /// <exception cref="InvalidOperationException">The tool is not installed or did not finish in time.</exception>
    public static async Task<Result> RunAsync(string fileName, IEnumerable<string> arguments, string? stdin = null, string? workingDirectory = null)
    {
        ProcessStartInfo info = new(fileName)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? RepositoryPaths.Root,
        };
        foreach (string argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        Process process;
        try
        {
            process = Process.Start(info)!;
        }
        catch (Win32Exception e)
        {
            throw new InvalidOperationException($"'{fileName}' cannot be started ({e.Message}); .ci/run installs what the tests need (see README: Requirements)", e);
        }

        using (process)
        {
            Task<string> stdout = process.StandardOutput.ReadToEndAsync();
            Task<string> stderr = process.StandardError.ReadToEndAsync();
            await process.StandardInput.WriteAsync(stdin ?? "");
            process.StandardInput.Close();
            using CancellationTokenSource timeout = new(Deadline);
            try
            {
                await process.WaitForExitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                throw new InvalidOperationException($"'{fileName} {string.Join(' ', arguments)}' did not finish within {Deadline}");
            }

            return new Result(process.ExitCode, await stdout, await stderr);
        }
    }
}
