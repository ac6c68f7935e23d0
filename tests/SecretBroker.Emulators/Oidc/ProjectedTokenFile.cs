namespace SecretBroker.Emulators.Oidc;

/// <summary>One projected service-account token volume the emulator maintains (like the kubelet would).</summary>
public sealed class ProjectedTokenFile
{
    private readonly OidcIssuer _issuer;
    private readonly TimeProvider _time;
    private readonly Lock _gate = new();

    internal ProjectedTokenFile(string name, string mountDirectory, string fileName, ServiceAccountTokenRequest request, OidcIssuer issuer, TimeProvider time)
    {
        Name = name;
        MountDirectory = mountDirectory;
        FileName = fileName;
        Request = request;
        _issuer = issuer;
        _time = time;
    }

    /// <summary>Logical name used by the admin API (<c>irsa</c>, <c>pod-identity</c>).</summary>
    public string Name { get; }

    public string MountDirectory { get; }

    public string FileName { get; }

    /// <summary>The user-visible path (<c>&lt;mount&gt;/&lt;file&gt;</c>, a symlink into <c>..data</c>).</summary>
    public string Path => System.IO.Path.Combine(MountDirectory, FileName);

    public ServiceAccountTokenRequest Request { get; private set; }

    /// <summary>The token currently published.</summary>
    public string Current { get; private set; } = string.Empty;

    /// <summary>The <c>jti</c> claim of <see cref="Current"/> (what a session's <c>TokenId</c> records).</summary>
    public string CurrentId
    {
        get
        {
            var payload = Base64Url.TryDecode(Current.Split('.')[1]) ?? throw new InvalidOperationException("the current token is not a JWT");
            using var claims = System.Text.Json.JsonDocument.Parse(payload);
            return claims.RootElement.GetProperty("jti").GetString()!;
        }
    }

    /// <summary>How many generations have been published.</summary>
    public int Generation { get; private set; }

    /// <summary>Mints a fresh token (optionally with a new lifetime) and publishes it kubelet-style.</summary>
    public string Rotate(TimeSpan? lifetime = null)
    {
        lock (_gate)
        {
            if (lifetime is { } ttl)
            {
                Request = Request with { Lifetime = ttl };
            }

            var token = _issuer.Mint(Request);
            AtomicWriter.Write(MountDirectory, FileName, token, _time);
            Current = token;
            Generation++;
            return token;
        }
    }
}
