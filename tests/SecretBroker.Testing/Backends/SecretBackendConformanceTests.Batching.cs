using SecretBroker.Backends;

namespace SecretBroker.Testing.Backends;

/// <summary>
/// Batching: <see cref="SecretBackendCapabilities.MaxBatchSize"/> counts read groups, and no call to the store carries
/// more of them, however many definitions the fetch holds.
/// </summary>
public abstract partial class SecretBackendConformanceTests
{
    /// <summary>Beyond this many groups a batch size is as good as unbounded for the test.</summary>
    private const int LargestBatchTested = 25;

    [Fact]
    public async Task A_fetch_of_more_groups_than_the_batch_size_is_served_whole_in_calls_that_respect_it()
    {
        int maxBatch = Backend.Capabilities.MaxBatchSize;
        Assert.True(maxBatch >= 1, $"MaxBatchSize is {maxBatch}");
        int groups = (Math.Min(maxBatch, LargestBatchTested) * 2) + 1;
        var definitions = new List<SecretDefinition>();
        for (int i = 0; i < groups; i++)
        {
            string id = $"batch-{i:D3}";
            await PutSecretAsync(id, $$"""{"user":"u{{i}}","pass":"p{{i}}"}""");

            // Two definitions a group: the batch size counts groups, not definitions.
            definitions.Add(Definition($"{id}-user", id, key: "user"));
            definitions.Add(Definition($"{id}-pass", id, key: "pass"));
        }

        int callsBefore = GroupsPerCall?.Count ?? 0;
        IReadOnlyList<SecretFetchResult> results = await FetchAsync([.. definitions]);

        for (int i = 0; i < groups; i++)
        {
            Assert.Equal($"u{i}", Text(results.Single(r => r.Name == $"batch-{i:D3}-user")));
            Assert.Equal($"p{i}", Text(results.Single(r => r.Name == $"batch-{i:D3}-pass")));
        }

        if (GroupsPerCall is { } perCall)
        {
            int[] calls = [.. perCall.Skip(callsBefore)];
            Assert.All(calls, carried => Assert.InRange(carried, 1, maxBatch));
            Assert.Equal(groups, calls.Sum()); // every group read once
        }
        else
        {
            NotChecked("read groups per call", GroupsPerCallUnavailable);
        }
    }
}
