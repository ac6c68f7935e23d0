using System.Security.Cryptography;

namespace SecretBroker.FileBackend.Internal;

/// <summary>16 bytes from the operating system's secure random source.</summary>
internal static class RandomKey
{
    /// <summary>A fresh random key of <see cref="SipHash24.KeySize"/> bytes.</summary>
    public static byte[] Create()
    {
        var key = new byte[SipHash24.KeySize];
        if (OperatingSystem.IsWindows())
        {
            RandomNumberGenerator.Fill(key);
            return key;
        }

        // On Unix RandomNumberGenerator loads OpenSSL (megabytes resident) just for this; the kernel's source is enough.
        using Microsoft.Win32.SafeHandles.SafeFileHandle random = File.OpenHandle("/dev/urandom");
        int total = 0;
        while (total < key.Length)
        {
            int read = RandomAccess.Read(random, key.AsSpan(total), fileOffset: 0);
            if (read <= 0)
            {
                throw new IOException(FileSecretErrors.NoRandomness);
            }

            total += read;
        }

        return key;
    }
}
