using System.Security.Cryptography;

namespace SecretBroker.FileBackend.Internal;

/// <summary>Bytes from the operating system's secure random source (the one place SecretBroker reads it).</summary>
internal static class RandomKey
{
    /// <summary>A fresh random key of <see cref="SipHash24.KeySize"/> bytes.</summary>
    public static byte[] Create()
    {
        var key = new byte[SipHash24.KeySize];
        Fill(key);
        return key;
    }

    /// <summary>Fills <paramref name="buffer"/> with secure random bytes.</summary>
    public static void Fill(Span<byte> buffer)
    {
        if (OperatingSystem.IsWindows())
        {
            RandomNumberGenerator.Fill(buffer);
            return;
        }

        // On Unix RandomNumberGenerator loads OpenSSL (megabytes resident) just for this; the kernel's source is enough.
        using Microsoft.Win32.SafeHandles.SafeFileHandle random = File.OpenHandle("/dev/urandom");
        int total = 0;
        while (total < buffer.Length)
        {
            int read = RandomAccess.Read(random, buffer[total..], fileOffset: 0);
            if (read <= 0)
            {
                throw new IOException(FileSecretErrors.NoRandomness);
            }

            total += read;
        }
    }
}
