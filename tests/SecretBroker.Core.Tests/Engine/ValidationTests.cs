using SecretBroker.Backends;
using SecretBroker.Core.Tests.Fakes;
using static SecretBroker.Core.Tests.Fakes.Engines;

namespace SecretBroker.Core.Tests.Engine;

public class ValidationTests
{
    private static readonly TimeSpan Refresh = TimeSpan.FromMinutes(5);

    [Fact]
    public void A_duplicate_name_is_rejected_naming_it() =>
        AssertRejected([Secret("token", Refresh), Secret("token", Refresh)], null, "'token' is used more than once");

    [Fact]
    public void An_invalid_name_is_rejected_naming_it() =>
        AssertRejected([Secret("../etc", Refresh)], null, "'../etc' is invalid");

    [Fact]
    public void An_unknown_backend_is_rejected_naming_it() =>
        AssertRejected([Secret("token", Refresh, backend: "vault")], null, "backend 'vault'");

    [Fact]
    public void A_refresh_of_zero_is_rejected() =>
        AssertRejected([Secret("token", TimeSpan.Zero)], null, "refresh");

    [Theory]
    [InlineData(nameof(SecretRefreshEngineOptions.RefreshJitter), 0.6)]
    [InlineData(nameof(SecretRefreshEngineOptions.RefreshJitter), double.NaN)]
    [InlineData(nameof(SecretRefreshEngineOptions.LeaseRenewFraction), 0.95)]
    [InlineData(nameof(SecretRefreshEngineOptions.CoalesceFraction), -0.1)]
    [InlineData(nameof(SecretRefreshEngineOptions.BackoffInitial), 0.001)]
    [InlineData(nameof(SecretRefreshEngineOptions.BackoffMax), 0.5)]
    public void An_option_out_of_range_is_rejected_naming_it(string option, double value)
    {
        SecretRefreshEngineOptions options = Options();
        switch (option)
        {
            case nameof(options.RefreshJitter): options.RefreshJitter = value; break;
            case nameof(options.LeaseRenewFraction): options.LeaseRenewFraction = value; break;
            case nameof(options.CoalesceFraction): options.CoalesceFraction = value; break;
            case nameof(options.BackoffInitial): options.BackoffInitial = TimeSpan.FromSeconds(value); break;
            default: options.BackoffMax = TimeSpan.FromSeconds(value); break;
        }

        AssertRejected([Secret("token", Refresh)], options, option);
    }

    private static void AssertRejected(SecretDefinition[] secrets, SecretRefreshEngineOptions? options, string expected)
    {
        var clock = new TestClock();
        ArgumentException error = Assert.ThrowsAny<ArgumentException>(() => new SecretRefreshEngine(
            secrets, new Dictionary<string, ISecretBackend> { [Backend] = new FakeSecretBackend(clock) }, options, clock));
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }
}
