using System.Text.Json;
using SecretBroker.Emulators.Tests.Infrastructure;

namespace SecretBroker.Emulators.Tests;

/// <summary>boto3, configured only by environment variables, goes token file → STS emulator → Secrets Manager emulator.</summary>
public sealed class Boto3IrsaTests
{
    [Fact]
    public async Task Boto3_assumes_the_role_and_reads_values_versions_and_metadata_with_verified_signatures()
    {
        await using var test = await TestCloud.StartAsync();
        var cloud = test.Cloud;
        var first = cloud.Secrets.PutString("prod/huggingface", "hf_first");
        var second = cloud.Secrets.PutString("prod/huggingface", "hf_second");
        cloud.Secrets.PutBinary("prod/cert", [0, 1, 2, 254, 255]);

        var result = await PythonRunner.RunAsync("boto3_irsa.py", new Dictionary<string, string>
        {
            ["AWS_ENDPOINT_URL_STS"] = cloud.StsUrl.ToString().TrimEnd('/'),
            ["AWS_ENDPOINT_URL_SECRETS_MANAGER"] = cloud.SecretsManagerUrl.ToString().TrimEnd('/'),
            ["AWS_ROLE_ARN"] = cloud.Options.RoleArn,
            ["AWS_ROLE_SESSION_NAME"] = "boto3-test",
            ["AWS_WEB_IDENTITY_TOKEN_FILE"] = cloud.IrsaToken.Path,
            ["AWS_REGION"] = cloud.Options.Region,
            ["AWS_DEFAULT_REGION"] = cloud.Options.Region,
            ["SB_SECRETS"] = JsonSerializer.Serialize(new { text = "prod/huggingface", binary = "prod/cert", missing = "prod/nope" }),
        });

        Assert.Equal("assume-role-with-web-identity", result.GetProperty("credentialMethod").GetString());
        var get = result.GetProperty("get");
        Assert.Equal("hf_second", get.GetProperty("SecretString").GetString());
        Assert.Equal(second.VersionId, get.GetProperty("VersionId").GetString());
        Assert.Equal(["AWSCURRENT"], get.GetProperty("VersionStages").EnumerateArray().Select(s => s.GetString()));
        Assert.Matches(@"^arn:aws:secretsmanager:us-west-2:111122223333:secret:prod/huggingface-[A-Za-z0-9]{6}$", get.GetProperty("ARN").GetString());
        Assert.Equal(first.VersionId, result.GetProperty("getPrevious").GetProperty("VersionId").GetString());
        Assert.Equal("hf_first", result.GetProperty("getPrevious").GetProperty("SecretString").GetString());
        Assert.Equal(Convert.ToBase64String([0, 1, 2, 254, 255]), result.GetProperty("binary").GetString());

        var batch = result.GetProperty("batch");
        Assert.Equal(["prod/huggingface", "prod/cert"], batch.GetProperty("values").EnumerateArray().Select(v => v.GetProperty("Name").GetString()));
        var error = Assert.Single(batch.GetProperty("errors").EnumerateArray());
        Assert.Equal("prod/nope", error.GetProperty("SecretId").GetString());
        Assert.Equal("ResourceNotFoundException", error.GetProperty("ErrorCode").GetString());

        var stages = result.GetProperty("describe").GetProperty("VersionIdsToStages");
        Assert.Equal("AWSCURRENT", stages.GetProperty(second.VersionId)[0].GetString());
        Assert.Equal("AWSPREVIOUS", stages.GetProperty(first.VersionId)[0].GetString());
        Assert.Equal("ResourceNotFoundException", result.GetProperty("missingError").GetString());

        // 6 Secrets Manager calls, each signed by botocore and verified here; one STS exchange.
        Assert.Equal(6, cloud.Counters.SignaturesVerified);
        Assert.Equal(1, cloud.Counters.Count("sts.AssumeRoleWithWebIdentity", "ok"));
        Assert.Equal(3, cloud.Counters.Count("secretsmanager.GetSecretValue", "ok"));
    }
}
