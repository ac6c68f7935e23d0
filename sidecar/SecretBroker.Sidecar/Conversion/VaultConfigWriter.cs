using System.Globalization;
using System.Text;

namespace SecretBroker.Sidecar.Conversion;

/// <summary>
/// Prints a <see cref="VaultConversion"/> as a SecretBroker config (YAML) with short comments, using exactly the keys of
/// the Vault backend contract. Every value taken from the pod is double-quoted, so nothing in an annotation can change
/// the YAML's structure or type.
/// </summary>
internal static class VaultConfigWriter
{
    /// <summary>The config <c>secretbroker convert vault-annotations</c> prints: the files output only (the user mounts it).</summary>
    public static string Write(VaultConversion c) => Write(c, injected: null);

    /// <summary>The config, with the injector's outputs when <paramref name="injected"/> is given.</summary>
    /// <param name="c">The conversion.</param>
    /// <param name="injected">Where the injector puts the socket and which group and uids read; <see langword="null"/> for <c>convert</c>.</param>
    public static string Write(VaultConversion c, VaultInjectedOutputs? injected)
    {
        ArgumentNullException.ThrowIfNull(c);
        StringBuilder y = new();
        string by = injected is null ? "secretbroker convert vault-annotations" : "secretbroker-injector --vault-annotations";
        Line(y, $"# SecretBroker config converted from the {c.Prefix} annotations of {c.Source} ({by}).");
        Line(y, "# Each file holds the JSON of the secret's data (KV v2: data.data), which is what apps usually want; Vault Agent's");
        Line(y, "# default template wrote a Go map text (map[key:value]) instead. Add key: <field> to a secret to get one field's bytes.");
        if (c.PrePopulateOnly)
        {
            Line(y, injected is null
                ? "# agent-pre-populate-only: run `secretbroker run --once --config FILE` as an init container (no sidecar):"
                : "# agent-pre-populate-only: injected as an init container running `secretbroker run --once` (no sidecar):");
            Line(y, "# the files are written once, before the app starts, and not refreshed.");
        }

        Line(y, "backends:");
        Line(y, $"  {c.BackendName}:");
        Line(y, "    type: vault");
        Line(y, c.Address is null
            ? $"    address: {Quote(VaultConversionDefaults.PlaceholderAddress)}   # placeholder: the pod has no {c.Prefix}service; use the injector's AGENT_INJECT_VAULT_ADDR"
            : $"    address: {Quote(c.Address)}");
        Optional(y, "    namespace", c.Namespace);
        if (c.CaFile is not null)
        {
            Line(y, $"    caFile: {Quote(c.CaFile)}" + (c.TlsSecret is null ? "   # mount it in the secretbroker container" : string.Empty));
        }

        if (c.TlsSecret is not null)
        {
            Line(y, injected is null
                ? $"    # tls-secret: mount Secret {c.TlsSecret} at /vault/tls in the secretbroker container (Vault Agent had it there)"
                : $"    # tls-secret: Secret {c.TlsSecret} is mounted at /vault/tls in the secretbroker container (as Vault Agent had it)");
        }

        Line(y, "    auth:");
        Line(y, $"      method: {c.Method}");
        Line(y, $"      role: {Quote(c.Role!)}");
        Optional(y, "      mount", c.Mount);
        Optional(y, "      tokenFile", c.TokenFile);
        if (c.RevokeOnShutdown)
        {
            Line(y, "    revokeOnShutdown: true");
        }

        Optional(y, "    requestTimeout", c.RequestTimeout);
        Line(y, "secrets:");
        foreach (ConvertedSecret secret in c.Secrets)
        {
            Line(y, $"  - name: {Quote(secret.Name)}   # from {secret.Annotation}");
            Line(y, $"    backend: {c.BackendName}");
            Line(y, $"    id: {Quote(secret.Id)}");
        }

        Line(y, "outputs:");
        Line(y, "  files:");
        Line(y, $"    dir: {Quote(c.Dir)}   # an emptyDir with medium: Memory mounted here in the app and secretbroker containers");
        if (c.FileMode is not null)
        {
            string[] without = [.. c.Secrets.Where(s => !s.HasPerms).Select(s => s.Name)];
            Line(y, $"    fileMode: {Quote(c.FileMode)}" + (without.Length == 0
                ? "   # from agent-inject-perms-*"
                : $"   # from agent-inject-perms-*; one mode for every file, so also {string.Join(", ", without)}"));
        }
        else
        {
            Line(y, "    # fileMode 0440 (owner and group; Vault Agent wrote 0644): give the pod securityContext.fsGroup so the app can read the files");
        }

        if (injected is not null)
        {
            WriteInjected(y, injected);
        }

        foreach (string ignored in c.Ignored)
        {
            Line(y, "# ignored: " + ignored);
        }

        return y.ToString();
    }

    // The injector's volumes are emptyDirs every container of the pod could write to: allowSharedDir says so knowingly,
    // as in the injector's own generated configs.
    private static void WriteInjected(StringBuilder y, VaultInjectedOutputs injected)
    {
        Line(y, "    allowSharedDir: true");
        if (injected.Group is { } group)
        {
            Line(y, string.Create(CultureInfo.InvariantCulture, $"    group: {group}   # the pod's fsGroup"));
        }

        if (injected.SocketPath is null)
        {
            return;
        }

        Line(y, "  socket:");
        Line(y, $"    path: {Quote(injected.SocketPath)}");
        Line(y, "    mode: \"0666\"");
        Line(y, "    allowSharedDir: true");
        if (injected.AllowUids.Count > 0)
        {
            Line(y, $"    allowUids: [{string.Join(", ", injected.AllowUids.Order().Select(static u => u.ToString(CultureInfo.InvariantCulture)))}]");
        }
    }

    private static void Optional(StringBuilder y, string key, string? value)
    {
        if (value is not null)
        {
            Line(y, $"{key}: {Quote(value)}");
        }
    }

    private static void Line(StringBuilder y, string text) => y.Append(OneLine(text)).Append('\n');

    // A comment must stay on its line whatever a name in it holds (values are quoted, so only comments can carry a break).
    private static string OneLine(string text) => text.AsSpan().IndexOfAny(LineBreaks) < 0
        ? text
        : string.Concat(text.Select(ch => IsLineBreak(ch) ? '?' : ch));

    private static readonly System.Buffers.SearchValues<char> LineBreaks = System.Buffers.SearchValues.Create("\n\r\u0085\u2028\u2029");

    private static bool IsLineBreak(char ch) => LineBreaks.Contains(ch);

    /// <summary>A YAML double-quoted scalar: backslash, quote and control characters escaped.</summary>
    internal static string Quote(string value)
    {
        StringBuilder quoted = new(value.Length + 2);
        quoted.Append('"');
        foreach (char ch in value)
        {
            switch (ch)
            {
                case '"':
                    quoted.Append("\\\"");
                    break;
                case '\\':
                    quoted.Append("\\\\");
                    break;
                case '\n':
                    quoted.Append("\\n");
                    break;
                case '\r':
                    quoted.Append("\\r");
                    break;
                case '\t':
                    quoted.Append("\\t");
                    break;
                default:
                    if (char.IsControl(ch) || IsLineBreak(ch))
                    {
                        quoted.Append("\\u").Append(((int)ch).ToString("x4", CultureInfo.InvariantCulture));
                    }
                    else
                    {
                        quoted.Append(ch);
                    }

                    break;
            }
        }

        return quoted.Append('"').ToString();
    }
}
