namespace SecretBroker.Configuration.Internal;

/// <summary>
/// Reads the sidecar's files directory: resolves <c>..data</c> once and reads the generation it names, so the set is
/// always one generation. Changes are found by polling the link target on the clock — never a FileSystemWatcher, which
/// misses the kubelet-style symlink swap (dotnet/runtime#36091).
/// </summary>
internal sealed class FilesSidecarReader(string directory, TimeSpan pollInterval, ExponentialBackoff backoff, TimeProvider timeProvider, PollSignal polls) : ISidecarReader
{
    private const string DataLink = "..data";
    private const int MaxSecretBytes = 1024 * 1024;

    public SecretSet Load()
    {
        for (int attempt = 0; ; attempt++)
        {
            try
            {
                return ReadGeneration(CurrentTarget());
            }
            catch (Exception e) when (attempt < 3 && e is DirectoryNotFoundException or FileNotFoundException)
            {
                // A newer generation replaced the one just resolved; resolve again.
            }
        }
    }

    public async Task WatchAsync(SecretSet loaded, Action<SecretSet> publish, WatchDiagnostics diagnostics, CancellationToken cancellationToken)
    {
        // Compare against what the first load read, not a fresh look: a swap in between must not be missed.
        string? lastTarget = loaded.Generation;
        int failures = 0;
        while (!cancellationToken.IsCancellationRequested)
        {
            TimeSpan wait = pollInterval;
            try
            {
                string? target = CurrentTarget();
                if (target is null && lastTarget is not null)
                {
                    // It had generations: a missing ..data means it is being removed or replaced, not that it became a
                    // plain (and, mid-removal, empty) directory. Keep the last generation read.
                    throw new IOException($"the secretbroker files directory '{directory}' lost its ..data link; keeping the last generation read");
                }

                // A plain directory (no ..data) has no generation to compare: read it every poll; publish dedups.
                if (target is null || target != lastTarget)
                {
                    publish(Load());
                    lastTarget = target;
                }

                failures = 0;
                diagnostics.ReadSucceeded();
            }
#pragma warning disable CA1031 // The host must never see a watcher failure; it is reported and the next poll retries.
            catch (Exception e) when (e is not OperationCanceledException)
#pragma warning restore CA1031
            {
                diagnostics.ReadFailed(e);
                wait = backoff.NextDelay(failures);
                failures = Math.Min(failures, int.MaxValue - 1) + 1; // saturates: a years-long outage never wraps negative
            }

            // After the result is applied or the failure reported, before sleeping: a test can wait for it and wake the loop.
            polls.Completed();
            await Task.Delay(wait, timeProvider, cancellationToken).ConfigureAwait(false);
        }
    }

    public void Dispose()
    {
    }

    /// <summary>The generation directory <c>..data</c> names, or <see langword="null"/> for a plain directory.</summary>
    private string? CurrentTarget()
    {
        if (!Directory.Exists(directory))
        {
            throw new DirectoryNotFoundException($"the secretbroker files directory '{directory}' does not exist");
        }

        return new FileInfo(Path.Combine(directory, DataLink)).LinkTarget;
    }

    private SecretSet ReadGeneration(string? target)
    {
        string root = target is null ? directory : Path.Combine(directory, target);
        var secrets = new Dictionary<string, SecretValue>(StringComparer.Ordinal);
        foreach (string file in Directory.EnumerateFiles(root))
        {
            string name = Path.GetFileName(file);
            if (name.StartsWith('.'))
            {
                continue;
            }

            byte[] value = File.ReadAllBytes(file);
            if (value.Length > MaxSecretBytes)
            {
                throw new IOException($"secret file '{file}' is larger than {MaxSecretBytes} bytes");
            }

            secrets[name] = new SecretValue(value, target ?? "files");
        }

        return new SecretSet(secrets, target);
    }
}
