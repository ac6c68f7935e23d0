using SecretBroker.Backends;
using SecretBroker.Internal;

namespace SecretBroker.Core.Tests.Internal;

public class SecretErrorClassifierTests
{
    public static TheoryData<Exception, SecretErrorKind, bool> Cases => new()
    {
        { new SecretBackendException(SecretErrorKind.Permanent, "not found"), SecretErrorKind.Permanent, false },
        { new SecretBackendException("throttled"), SecretErrorKind.Transient, false },
        { new HttpRequestException("refused"), SecretErrorKind.Transient, false },
        { new IOException("reset"), SecretErrorKind.Transient, false },
        { new TimeoutException(), SecretErrorKind.Transient, false },
        { new TaskCanceledException("HttpClient.Timeout"), SecretErrorKind.Transient, false },
        { new InvalidCastException("bug"), SecretErrorKind.Transient, true },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Classifies_each_failure_as_transient_or_permanent(Exception exception, SecretErrorKind kind, bool unexpected)
    {
        ClassifiedError error = SecretErrorClassifier.Classify(exception);

        Assert.Equal(kind, error.Kind);
        Assert.Equal(unexpected, error.Unexpected);
    }

    [Fact]
    public void Keeps_the_backends_retry_after()
    {
        var exception = new SecretBackendException(SecretErrorKind.Transient, "429", retryAfter: TimeSpan.FromSeconds(30));

        Assert.Equal(TimeSpan.FromSeconds(30), SecretErrorClassifier.Classify(exception).RetryAfter);
    }

    [Fact]
    public void Treats_cancellation_of_our_own_token_as_no_failure_at_all()
    {
        using var ours = new CancellationTokenSource();
        ours.Cancel();

        Assert.True(SecretErrorClassifier.IsOwnCancellation(new OperationCanceledException(ours.Token), ours.Token));
        Assert.False(SecretErrorClassifier.IsOwnCancellation(new TaskCanceledException(), CancellationToken.None));
    }
}
