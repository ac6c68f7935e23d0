using System.Net.Http.Headers;
using SecretBroker.Backends;
using SecretBroker.Testing;

namespace SecretBroker.Core.Tests;

public sealed class RetryAfterHeaderTests
{
    private readonly TestClock _clock = new();

    [Fact]
    public void Seconds_a_future_date_a_past_date_and_no_header_are_read_as_the_wait_asked()
    {
        Assert.Equal(TimeSpan.FromSeconds(7), RetryAfterHeader.Delay(With(new RetryConditionHeaderValue(TimeSpan.FromSeconds(7))), _clock));
        Assert.Equal(TimeSpan.FromSeconds(30), RetryAfterHeader.Delay(With(new RetryConditionHeaderValue(_clock.GetUtcNow().AddSeconds(30))), _clock));
        Assert.Equal(TimeSpan.Zero, RetryAfterHeader.Delay(With(new RetryConditionHeaderValue(_clock.GetUtcNow().AddSeconds(-30))), _clock));
        Assert.Null(RetryAfterHeader.Delay(With(null), _clock));
    }

    [Fact]
    public void Header_text_is_read_the_same_way_and_nonsense_asks_no_wait()
    {
        Assert.Equal(TimeSpan.FromSeconds(7), RetryAfterHeader.Delay("7", _clock));
        Assert.Equal(TimeSpan.FromSeconds(30), RetryAfterHeader.Delay(_clock.GetUtcNow().AddSeconds(30).ToString("r", System.Globalization.CultureInfo.InvariantCulture), _clock));
        Assert.Equal(TimeSpan.Zero, RetryAfterHeader.Delay(_clock.GetUtcNow().AddSeconds(-30).ToString("r", System.Globalization.CultureInfo.InvariantCulture), _clock));
        Assert.Null(RetryAfterHeader.Delay("soon", _clock));
        Assert.Null(RetryAfterHeader.Delay((string?)null, _clock));
    }

    private static HttpResponseMessage With(RetryConditionHeaderValue? header)
    {
        HttpResponseMessage response = new(System.Net.HttpStatusCode.TooManyRequests);
        response.Headers.RetryAfter = header;
        return response;
    }
}
