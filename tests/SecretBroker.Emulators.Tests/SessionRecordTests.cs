using SecretBroker.Emulators.Tests.Infrastructure;

namespace SecretBroker.Emulators.Tests;

public sealed class SessionRecordTests
{
    [Fact]
    public async Task A_session_records_when_it_was_issued_and_the_jti_of_the_token_exchanged_for_it()
    {
        await using var test = await TestCloud.StartAsync();
        var cloud = test.Cloud;
        var first = cloud.IrsaToken.CurrentId;
        var before = DateTimeOffset.UtcNow;
        Assert.Equal(200, (await StsCaller.AssumeAsync(cloud, cloud.IrsaToken.Current)).Status);
        cloud.IrsaToken.Rotate();
        Assert.Equal(200, (await StsCaller.AssumeAsync(cloud, cloud.IrsaToken.Current)).Status);

        var sessions = cloud.Sessions.All().OrderBy(s => s.IssuedAt).ToList();

        Assert.Equal(2, sessions.Count);
        Assert.Equal(first, sessions[0].TokenId);
        Assert.Equal(cloud.IrsaToken.CurrentId, sessions[1].TokenId);
        Assert.NotEqual(sessions[0].TokenId, sessions[1].TokenId);
        Assert.All(sessions, s => Assert.InRange(s.IssuedAt, before, DateTimeOffset.UtcNow));
    }
}
