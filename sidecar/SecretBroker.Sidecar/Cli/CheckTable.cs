using SecretBroker.Backends;
using System.Text;

namespace SecretBroker.Sidecar.Cli;

/// <summary>The table <c>secretbroker check</c> prints (after one identity line per AWS backend): NAME, BACKEND, VERSION, STATUS, in config order. Never a value.</summary>
internal static class CheckTable
{
    public const string Ok = "ok";
    public const string NotLoaded = "error: not loaded";

    /// <param name="secrets">The configured secrets, in config order.</param>
    /// <param name="outcomes">What the load did for each.</param>
    /// <param name="deliveryProblems">Why a loaded value cannot be delivered as configured (profile, format, Hub verification), by name.</param>
    /// <param name="leases">The lease each leased value came with (a Vault dynamic secret, an exchanged token): shown after "ok".</param>
    public static string Format(IReadOnlyList<SecretDefinition> secrets, IReadOnlyList<SecretRefreshOutcome> outcomes, IReadOnlyDictionary<string, string>? deliveryProblems = null, Func<string, SecretLease?>? leases = null)
    {
        Dictionary<string, SecretRefreshOutcome> byName = outcomes.ToDictionary(o => o.Name, StringComparer.Ordinal);
        List<string[]> rows = [["NAME", "BACKEND", "VERSION", "STATUS"]];
        foreach (SecretDefinition secret in secrets)
        {
            string status = NotLoaded;
            string version = "-";
            if (byName.TryGetValue(secret.Name, out SecretRefreshOutcome? outcome))
            {
                version = outcome.Version ?? "-";
                status = outcome.Succeeded ? Ok : "error: " + OneLine(outcome.Error ?? "unknown error");
                if (outcome.Succeeded && deliveryProblems?.GetValueOrDefault(secret.Name) is { } problem)
                {
                    status = "error: " + OneLine(problem);
                }
                else if (outcome.Succeeded && leases?.Invoke(secret.Name) is { } lease)
                {
                    status = $"{Ok} (lease {DurationText.Format(TimeSpan.FromSeconds(Math.Floor(lease.Duration.TotalSeconds)))}, {(lease.Renewable ? "renewable" : "not renewable")})";
                }
            }

            rows.Add([secret.Name, secret.Backend, version, status]);
        }

        int[] widths = [.. Enumerable.Range(0, 3).Select(c => rows.Max(r => r[c].Length))];
        StringBuilder text = new();
        foreach (string[] row in rows)
        {
            for (int c = 0; c < 3; c++)
            {
                text.Append(row[c].PadRight(widths[c] + 2));
            }

            text.Append(row[3]).Append('\n');
        }

        return text.ToString();
    }

    private static string OneLine(string text) => text.ReplaceLineEndings(" ");
}
