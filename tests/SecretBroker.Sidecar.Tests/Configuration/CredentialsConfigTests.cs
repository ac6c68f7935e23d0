using SecretBroker.Sidecar.Configuration;

namespace SecretBroker.Sidecar.Tests.Configuration;

/// <summary>The sidecar-only <c>credentials:</c> section: read, validated, every problem named with its line.</summary>
public class CredentialsConfigTests
{
    // Line numbers below count from here: credentials: is line 17.
    private const string Base = """
        backends:
          models:
            type: aws-secrets-manager
            region: us-west-2
          local:
            type: file
            path: ./secrets
        secrets:
          - name: s3keys
            backend: local
            id: s3keys
        outputs:
          files:
            dir: /dev/shm/secretbroker-test
          http:
            listen: 127.0.0.1:8787
        credentials:
        """;

    private static string With(string sets) => Base + "\n" + sets;

    private static void AssertError(string config, string expected) =>
        Assert.Contains(expected, ConfigFixture.Errors(config), StringComparison.Ordinal);

    [Fact]
    public void A_secret_set_and_an_assume_role_set_are_read_with_their_defaults()
    {
        SidecarSettings settings = ConfigFixture.Load(With("""
              minio: { type: secret, secret: s3keys }
              weights: { type: aws-assume-role, backend: models, roleArn: "arn:aws:iam::111122223333:role/weights-reader" }
            """));

        Assert.Equal(
            [
                new SecretCredentialSetSettings("minio", "s3keys", AllowLongTermKeys: false),
                new AssumeRoleCredentialSetSettings("weights", "models", "arn:aws:iam::111122223333:role/weights-reader", "secretbroker-weights", TimeSpan.FromHours(1), Policy: null),
            ],
            settings.Credentials);
        Assert.Equal("111122223333", ((AssumeRoleCredentialSetSettings)settings.Credentials[1]).AccountId);
    }

    [Fact]
    public void Every_assume_role_key_is_read()
    {
        SidecarSettings settings = ConfigFixture.Load(With("""
              weights:
                type: aws-assume-role
                backend: models
                roleArn: arn:aws-us-gov:iam::111122223333:role/path/weights-reader
                sessionName: inference@pod
                duration: 15m
                policy: '{"Version":"2012-10-17","Statement":[]}'
              minio: { type: secret, secret: s3keys, allowLongTermKeys: true }
            """));

        Assert.Equal(
            new AssumeRoleCredentialSetSettings("weights", "models", "arn:aws-us-gov:iam::111122223333:role/path/weights-reader", "inference@pod", TimeSpan.FromMinutes(15), """{"Version":"2012-10-17","Statement":[]}"""),
            settings.Credentials[0]);
        Assert.True(((SecretCredentialSetSettings)settings.Credentials[1]).AllowLongTermKeys);
    }

    [Fact]
    public void Without_the_section_there_are_no_sets() =>
        Assert.Empty(ConfigFixture.Load(ConfigFixture.Valid).Credentials);

    [Theory]
    [InlineData("  Minio: { type: secret, secret: s3keys }", ":18: credentials.Minio: 'Minio' is not a valid credential set name")]
    [InlineData("  minio: { type: vault, secret: s3keys }", ":18: credentials.minio.type: unknown credential set type 'vault'")]
    [InlineData("  minio: { secret: s3keys }", ":18: credentials.minio.type: is required")]
    [InlineData("  minio: { type: secret }", ":18: credentials.minio.secret: is required")]
    [InlineData("  minio: { type: secret, secret: nope }", ":18: credentials.minio.secret: 'nope' does not name a configured secret (defined: s3keys)")]
    [InlineData("  minio: { type: secret, secret: s3keys, allowLongTermKeys: maybe }", ":18: credentials.minio.allowLongTermKeys: 'maybe' is not")]
    [InlineData("  minio: { type: secret, secret: s3keys, roleArn: x }", ":18: credentials.minio.roleArn: does not apply to a credential set of type 'secret'")]
    [InlineData("  minio: { type: secret, secret: s3keys, region: x }", ":18: credentials.minio.region: unknown key")]
    [InlineData("  minio: s3keys", ":18: credentials.minio: expected a mapping")]
    [InlineData("  w: { type: aws-assume-role, roleArn: \"arn:aws:iam::111122223333:role/r\" }", ":18: credentials.w.backend: is required")]
    [InlineData("  w: { type: aws-assume-role, backend: nope, roleArn: \"arn:aws:iam::111122223333:role/r\" }", ":18: credentials.w.backend: 'nope' does not name a backend")]
    [InlineData("  w: { type: aws-assume-role, backend: local, roleArn: \"arn:aws:iam::111122223333:role/r\" }", ":18: credentials.w.backend: backend 'local' is of type 'file'")]
    [InlineData("  w: { type: aws-assume-role, backend: models }", ":18: credentials.w.roleArn: is required")]
    [InlineData("  w: { type: aws-assume-role, backend: models, roleArn: weights-reader }", ":18: credentials.w.roleArn: 'weights-reader' is not an IAM role ARN")]
    [InlineData("  w: { type: aws-assume-role, backend: models, roleArn: \"arn:aws:iam::1111:role/r\" }", ":18: credentials.w.roleArn: 'arn:aws:iam::1111:role/r' is not an IAM role ARN")]
    [InlineData("  w: { type: aws-assume-role, backend: models, roleArn: \"arn:aws:s3:::bucket\" }", ":18: credentials.w.roleArn: 'arn:aws:s3:::bucket' is not an IAM role ARN")]
    [InlineData("  w: { type: aws-assume-role, backend: models, roleArn: \"arn:aws:iam::111122223333:role/r\", duration: 14m }", ":18: credentials.w.duration: '14m' is outside 15m to 1h")]
    [InlineData("  w: { type: aws-assume-role, backend: models, roleArn: \"arn:aws:iam::111122223333:role/r\", duration: 61m }", ":18: credentials.w.duration: '61m' is outside 15m to 1h")]
    [InlineData("  w: { type: aws-assume-role, backend: models, roleArn: \"arn:aws:iam::111122223333:role/r\", duration: soon }", ":18: credentials.w.duration: 'soon' is not a duration")]
    [InlineData("  w: { type: aws-assume-role, backend: models, roleArn: \"arn:aws:iam::111122223333:role/r\", sessionName: \"a b\" }", ":18: credentials.w.sessionName: 'a b' is not a role session name")]
    [InlineData("  w: { type: aws-assume-role, backend: models, roleArn: \"arn:aws:iam::111122223333:role/r\", policy: \"{nope\" }", ":18: credentials.w.policy: the session policy is not a JSON object: not valid JSON")]
    [InlineData("  w: { type: aws-assume-role, backend: models, roleArn: \"arn:aws:iam::111122223333:role/r\", policy: \"[]\" }", ":18: credentials.w.policy: the session policy is not a JSON object: found array")]
    [InlineData("  w: { type: aws-assume-role, backend: models, roleArn: \"arn:aws:iam::111122223333:role/r\", secret: s3keys }", ":18: credentials.w.secret: does not apply to a credential set of type 'aws-assume-role'")]
    public void A_bad_set_is_an_error_naming_the_key_and_line(string set, string expected) => AssertError(With(set), expected);

    [Fact]
    public void A_session_policy_over_2048_characters_is_refused()
    {
        string policy = "{\"Version\":\"2012-10-17\",\"Sid\":\"" + new string('x', 2048) + "\"}";
        AssertError(
            With("  w: { type: aws-assume-role, backend: models, roleArn: \"arn:aws:iam::111122223333:role/r\", policy: '" + policy + "' }"),
            ":18: credentials.w.policy: the session policy is " + policy.Length + " characters; STS accepts at most 2048");
    }

    [Fact]
    public void Every_problem_of_a_set_is_reported_at_once()
    {
        string errors = ConfigFixture.Errors(With("  w: { type: aws-assume-role, backend: nope, roleArn: x, duration: 2h, sessionName: \"a\" }"));

        Assert.Contains("credentials.w.backend:", errors, StringComparison.Ordinal);
        Assert.Contains("credentials.w.roleArn:", errors, StringComparison.Ordinal);
        Assert.Contains("credentials.w.duration:", errors, StringComparison.Ordinal);
        Assert.Contains("credentials.w.sessionName:", errors, StringComparison.Ordinal);
    }

    [Fact]
    public void Credentials_need_the_http_listener_that_serves_them() =>
        AssertError(
            With("  minio: { type: secret, secret: s3keys }").Replace("  http:\n    listen: 127.0.0.1:8787\n", string.Empty, StringComparison.Ordinal),
            ":15: credentials: credential sets are served on outputs.http");

    [Fact]
    public void Credentials_need_the_files_output_that_holds_their_token()
    {
        string config = With("  minio: { type: secret, secret: s3keys }")
            .Replace("  files:\n    dir: /dev/shm/secretbroker-test\n", "  socket:\n    path: /tmp/x.sock\n", StringComparison.Ordinal);

        AssertError(config, ":17: credentials: credential sets need outputs.files");
    }

    [Fact]
    public void A_secret_named_like_the_token_file_is_refused_with_credentials()
    {
        string config = With("  minio: { type: secret, secret: aws-credentials-token }").Replace("- name: s3keys", "- name: aws-credentials-token", StringComparison.Ordinal);

        AssertError(config, ":17: credentials: a secret named 'aws-credentials-token' would be written over");
    }

    [Fact]
    public void The_section_must_be_a_mapping() =>
        AssertError(Base + " [minio]", ":17: credentials: expected a mapping");
}
