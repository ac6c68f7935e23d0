using Microsoft.AspNetCore.Server.Kestrel.Core;
using SecretBroker.Sidecar.Outputs.Socket;

namespace SecretBroker.Sidecar.Tests.Outputs.Socket;

/// <summary>The shipped deadlines and size limits are the ones the README promises.</summary>
public class ShippedDeadlineTests
{
    [Fact]
    public void A_silent_connection_and_an_idle_one_are_dropped_after_10_seconds()
    {
        KestrelServerLimits limits = new();

        RequestSizeLimits.Apply(limits);

        Assert.Equal(TimeSpan.FromSeconds(10), FirstByteDeadline.Default);
        Assert.Equal(TimeSpan.FromSeconds(10), limits.RequestHeadersTimeout);
        Assert.Equal(TimeSpan.FromSeconds(10), limits.KeepAliveTimeout);
    }

    [Fact]
    public void Our_size_limits_sit_inside_kestrels_so_we_answer_them()
    {
        KestrelServerLimits limits = new();

        RequestSizeLimits.Apply(limits);

        Assert.Equal(4096, RequestSizeLimits.MaxRequestLine);
        Assert.Equal(8192, RequestSizeLimits.MaxHeadersTotalSize);
        Assert.Equal(32, RequestSizeLimits.MaxHeaderCount);
        Assert.True(limits.MaxRequestLineSize > RequestSizeLimits.MaxRequestLine);
        Assert.True(limits.MaxRequestHeadersTotalSize > RequestSizeLimits.MaxHeadersTotalSize);
        Assert.True(limits.MaxRequestHeaderCount > RequestSizeLimits.MaxHeaderCount);
        Assert.Equal(256, SocketConnectionBudget.DefaultMaxWatchers);
    }
}
