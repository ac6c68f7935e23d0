using System.Diagnostics;
using SecretBroker.EndToEnd.Tests.Infrastructure;

namespace SecretBroker.EndToEnd.Tests.Repository;

/// <summary>
/// The benchmark scripts say how long they take and leave the tracked docs/benchmarks.md alone unless asked
/// (--write-docs), so a trial run never dirties the work tree.
/// </summary>
public sealed class BenchmarkScriptsTests
{
    public static TheoryData<string> Scripts() => ["startup_benchmark.py", "socket_benchmark.py", "backend_calls_benchmark.py", "provider_load_benchmark.py", "credentials_benchmark.py"];

    [Theory]
    [MemberData(nameof(Scripts))]
    public void Each_script_states_its_duration_up_front(string script)
    {
        string text = File.ReadAllText(Path.Combine(RepositoryPaths.Root, "tests", "Benchmarks", script));
        Assert.Matches(@"Duration: about \d+ min", text);
        Assert.Contains("announce_duration(", text, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Scripts))]
    public async Task Each_script_writes_the_docs_only_when_asked(string script)
    {
        // Parse the script's real argument parser with no arguments and with --write-docs, without running a benchmark.
        string probe = $$"""
            import argparse, importlib.util, sys
            sys.path.insert(0, "tests/Benchmarks")
            import benchlib
            captured = []
            real = argparse.ArgumentParser.parse_args
            def capture(self, args=None, namespace=None):
                ns = real(self, args, namespace)
                captured.append(ns)
                raise SystemExit(0)
            argparse.ArgumentParser.parse_args = capture
            spec = importlib.util.spec_from_file_location("bench", "tests/Benchmarks/{{script}}")
            bench = importlib.util.module_from_spec(spec)
            spec.loader.exec_module(bench)
            for argv in ([], ["--write-docs"]):
                sys.argv = ["{{script}}"] + argv
                try:
                    bench.main()
                except SystemExit:
                    pass
            print(benchlib.report_path(captured[0]))
            print(benchlib.report_path(captured[1]))
            """;
        var info = new ProcessStartInfo("python3") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = RepositoryPaths.Root };
        info.ArgumentList.Add("-c");
        info.ArgumentList.Add(probe);
        using var python = Process.Start(info)!;
        string stdout = await python.StandardOutput.ReadToEndAsync();
        string stderr = await python.StandardError.ReadToEndAsync();
        await python.WaitForExitAsync();
        Assert.True(python.ExitCode == 0, $"python3 failed: {stderr}");

        string[] lines = stdout.Trim().Split('\n');
        Assert.Equal("None", lines[0]);
        Assert.Equal(Path.Combine(RepositoryPaths.Root, "docs", "benchmarks.md"), lines[1]);
    }
}
