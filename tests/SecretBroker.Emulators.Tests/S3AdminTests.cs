using System.Net;
using System.Text;
using SecretBroker.Emulators.Tests.Infrastructure;

namespace SecretBroker.Emulators.Tests;

/// <summary>The admin API writes buckets and objects the S3 wire then serves (the write path a demo script uses).</summary>
public sealed class S3AdminTests
{
    [Fact]
    public async Task Admin_puts_a_bucket_with_roles_and_objects_from_text_and_base64()
    {
        await using var test = await TestCloud.StartAsync();
        var cloud = test.Cloud;
        using var http = new HttpClient { BaseAddress = cloud.AdminUrl };

        using var bucket = await http.PutAsync("v1/s3/weights", new StringContent("""{"allowedRoles":["arn:aws:iam::111122223333:role/weights-reader"]}"""));
        using var text = await http.PutAsync("v1/s3/weights/models/llama/config.json", new StringContent("""{"text":"{}","contentType":"application/json"}"""));
        using var binary = await http.PutAsync("v1/s3/weights/models/llama/weights.bin", new StringContent("""{"base64":"AAECAw=="}"""));
        using var deleted = await http.DeleteAsync("v1/s3/weights/models/llama/config.json");

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.NoContent], [bucket.StatusCode, text.StatusCode, binary.StatusCode, deleted.StatusCode]);
        Assert.Equal(new byte[] { 0, 1, 2, 3 }, cloud.Objects.Get("weights", "models/llama/weights.bin")!.Content);
        Assert.Null(cloud.Objects.Get("weights", "models/llama/config.json"));
        Assert.True(cloud.Objects.Allows("weights", "arn:aws:iam::111122223333:role/weights-reader"));
        Assert.False(cloud.Objects.Allows("weights", cloud.Options.RoleArn));
        Assert.Contains("\"etag\"", Encoding.UTF8.GetString(await binary.Content.ReadAsByteArrayAsync()), StringComparison.Ordinal);
    }
}
