using System.Collections.Concurrent;
using System.Text.Json;

namespace SecretBroker.Emulators.HuggingFace;

/// <summary>
/// The Hub's <c>GET /api/whoami-v2</c>, as <c>huggingface_hub.whoami()</c> calls it: the token must come as
/// <c>Authorization: Bearer &lt;token&gt;</c> (exactly that scheme, one space, a registered token); anything else is
/// 401 with the Hub's error shape. The answer carries the account's <c>name</c> and the token's
/// <c>auth.accessToken.displayName</c> and <c>role</c>. A plain handler, so the Hub emulator's listener can route to it
/// (and <see cref="WhoAmIHub"/> hosts it alone for tests).
/// </summary>
public sealed class WhoAmIEndpoint
{
    public const string Path = "/api/whoami-v2";

    private readonly ConcurrentDictionary<string, WhoAmIAccount> _tokens = new(StringComparer.Ordinal);
    private readonly Func<string, WhoAmIAccount?> _issued;

    /// <summary>A Hub that knows only the tokens added with <see cref="AddToken"/>.</summary>
    public WhoAmIEndpoint()
        : this(static _ => null)
    {
    }

    /// <summary>A Hub that also knows the tokens <paramref name="issued"/> finds (the exchange's live access tokens).</summary>
    public WhoAmIEndpoint(Func<string, WhoAmIAccount?> issued)
    {
        ArgumentNullException.ThrowIfNull(issued);
        _issued = issued;
    }
    private int _requests;
    private int _refused;

    /// <summary>Requests answered (any outcome).</summary>
    public int Requests => Volatile.Read(ref _requests);

    /// <summary>Requests refused with 401 (no, malformed or unknown bearer token).</summary>
    public int Refused => Volatile.Read(ref _refused);

    /// <summary>Makes <paramref name="token"/> known to the Hub (replacing what it was).</summary>
    public void AddToken(string token, WhoAmIAccount account)
    {
        ArgumentException.ThrowIfNullOrEmpty(token);
        ArgumentNullException.ThrowIfNull(account);
        _tokens[token] = account;
    }

    /// <summary>Revokes <paramref name="token"/>.</summary>
    public void RemoveToken(string token) => _tokens.TryRemove(token, out _);

    public async Task HandleAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        Interlocked.Increment(ref _requests);
        if (!HttpMethods.IsGet(context.Request.Method) || context.Request.Path != Path)
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            await WriteJsonAsync(context, w => w.WriteString("error", "Sorry, we can't find the page you are looking for."));
            return;
        }

        string? header = context.Request.Headers.Authorization.Count == 1 ? context.Request.Headers.Authorization[0] : null;
        if (header is null || !header.StartsWith("Bearer ", StringComparison.Ordinal)
            || (_tokens.GetValueOrDefault(header["Bearer ".Length..]) ?? _issued(header["Bearer ".Length..])) is not { } account)
        {
            Interlocked.Increment(ref _refused);
            context.Response.StatusCode = StatusCodes.Status401Unauthorized;
            await WriteJsonAsync(context, w => w.WriteString("error", "Invalid credentials in Authorization header"));
            return;
        }

        context.Response.StatusCode = StatusCodes.Status200OK;
        await WriteJsonAsync(context, w =>
        {
            w.WriteString("type", "user");
            w.WriteString("id", account.Id);
            w.WriteString("name", account.Name);
            w.WriteString("fullname", account.Name);
            w.WriteBoolean("isPro", false);
            w.WriteStartArray("orgs");
            w.WriteEndArray();
            w.WriteStartObject("auth");
            w.WriteString("type", "access_token");
            w.WriteStartObject("accessToken");
            w.WriteString("displayName", account.TokenName);
            w.WriteString("role", account.Role);
            w.WriteString("createdAt", "2026-01-01T00:00:00.000Z");
            w.WriteEndObject();
            w.WriteEndObject();
        });
    }

    private static async Task WriteJsonAsync(HttpContext context, Action<Utf8JsonWriter> body)
    {
        context.Response.ContentType = "application/json; charset=utf-8";
        using MemoryStream buffer = new();
        using (Utf8JsonWriter writer = new(buffer))
        {
            writer.WriteStartObject();
            body(writer);
            writer.WriteEndObject();
        }

        await context.Response.Body.WriteAsync(buffer.ToArray());
    }
}

/// <summary>Who a token belongs to, as whoami-v2 reports it.</summary>
/// <param name="Name">The account (user) name.</param>
/// <param name="TokenName">The token's display name.</param>
/// <param name="Role">The token's role: <c>read</c>, <c>write</c> or <c>fineGrained</c>.</param>
public sealed record WhoAmIAccount(string Name, string TokenName, string Role)
{
    public string Id { get; init; } = "6566a0e4e8d4c3b2a1f00001";
}
