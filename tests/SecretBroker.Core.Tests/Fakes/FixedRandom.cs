namespace SecretBroker.Core.Tests.Fakes;

/// <summary>A random source that always draws the same number, so a test can compute every jittered delay exactly.</summary>
public sealed class FixedRandom(double value) : Random
{
    public override double NextDouble() => value;

    protected override double Sample() => value;
}
