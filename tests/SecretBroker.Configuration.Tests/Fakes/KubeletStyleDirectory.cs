using System.Runtime.InteropServices;

namespace SecretBroker.Configuration.Tests.Fakes;

/// <summary>A files directory written the way the sidecar (and the kubelet) writes it: generations behind a ..data link.</summary>
internal sealed partial class KubeletStyleDirectory : IDisposable
{
    private int _generation;

    public KubeletStyleDirectory() => Directory.CreateDirectory(Path);

    public string Path { get; } = $"/dev/shm/sb-provider-{Guid.NewGuid():N}";

    /// <summary>Publishes a new generation holding exactly <paramref name="secrets"/> (rename of ..data_tmp over ..data).</summary>
    public void Publish(params (string Name, string Value)[] secrets) =>
        Publish(secrets.ToDictionary(static s => s.Name, static s => System.Text.Encoding.UTF8.GetBytes(s.Value), StringComparer.Ordinal));

    /// <summary>Publishes a new generation holding exactly <paramref name="secrets"/>, as bytes.</summary>
    public void Publish(IReadOnlyDictionary<string, byte[]> secrets)
    {
        string name = $"..gen_{++_generation:D4}";
        string dir = System.IO.Path.Combine(Path, name);
        Directory.CreateDirectory(dir);
        foreach ((string secret, byte[] value) in secrets)
        {
            File.WriteAllBytes(System.IO.Path.Combine(dir, secret), value);
        }

        string tmp = System.IO.Path.Combine(Path, "..data_tmp");
        File.CreateSymbolicLink(tmp, name);
        // rename(2) of the link itself (File.Move follows a relative link and finds nothing).
        Assert.Equal(0, Rename(tmp, System.IO.Path.Combine(Path, "..data")));
        foreach (string secret in secrets.Keys)
        {
            string link = System.IO.Path.Combine(Path, secret);
            if (!System.IO.Path.Exists(link))
            {
                File.CreateSymbolicLink(link, $"..data/{secret}");
            }
        }
    }

    public void Dispose() => Directory.Delete(Path, recursive: true);

    [LibraryImport("libc", EntryPoint = "rename", StringMarshalling = StringMarshalling.Utf8)]
    private static partial int Rename(string from, string to);
}
