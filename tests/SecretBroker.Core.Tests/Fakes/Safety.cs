namespace SecretBroker.Core.Tests.Fakes;

/// <summary>The real-time safety net for awaits in tests: never a pacing device, only a bound on a hung test.</summary>
public static class Safety
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    public static Task<T> Bounded<T>(this Task<T> task) => task.WaitAsync(Timeout);

    public static Task Bounded(this Task task) => task.WaitAsync(Timeout);
}
