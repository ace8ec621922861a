using System.Security.Cryptography;

namespace Appliance.Mta.Suppression;

/// <summary>
/// The secret that signs VERP return paths, trace headers and unsubscribe tokens: 32 random bytes in
/// {DataDir}/keys/feedback-hmac.key (mode 0600), created on first use and kept across restarts and upgrades, so
/// late bounces and old unsubscribe links stay valid.
/// </summary>
public sealed class FeedbackKey
{
    /// <summary>
    /// A key over <paramref name="key"/> (at least 16 bytes; throws <see cref="ArgumentException"/> otherwise).
    /// </summary>
    public FeedbackKey(byte[] key)
    {
        if (key.Length < 16) throw new ArgumentException("The key must be at least 16 bytes.", nameof(key));
        Key = key;
    }

    /// <summary>The raw secret. Never log or show it.</summary>
    public byte[] Key { get; }

    /// <summary>
    /// The key in {<paramref name="dataDir"/>}/keys/feedback-hmac.key, created with 32 random bytes (mode 0600) when
    /// the file does not exist.
    /// </summary>
    public static FeedbackKey LoadOrCreate(string dataDir)
    {
        var dir = Path.Combine(dataDir, "keys");
        var path = Path.Combine(dir, "feedback-hmac.key");
        if (File.Exists(path)) return new FeedbackKey(File.ReadAllBytes(path));
        Directory.CreateDirectory(dir);
        var key = RandomNumberGenerator.GetBytes(32);
        var tmp = path + ".tmp";
        File.WriteAllBytes(tmp, key);
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(tmp, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        File.Move(tmp, path, overwrite: false);
        return new FeedbackKey(key);
    }

    /// <summary>HMAC-SHA256 of <paramref name="purpose"/> and <paramref name="data"/>, truncated to <paramref name="length"/> bytes.</summary>
    public byte[] Sign(string purpose, ReadOnlySpan<byte> data, int length)
    {
        var input = new byte[purpose.Length + 1 + data.Length];
        System.Text.Encoding.ASCII.GetBytes(purpose, input);
        data.CopyTo(input.AsSpan(purpose.Length + 1));
        return HMACSHA256.HashData(Key, input)[..length];
    }

    /// <summary>
    /// True when <paramref name="mac"/> is the (truncated) signature of <paramref name="data"/> for <paramref
    /// name="purpose"/>; compared in constant time.
    /// </summary>
    public bool Verify(string purpose, ReadOnlySpan<byte> data, ReadOnlySpan<byte> mac) =>
        CryptographicOperations.FixedTimeEquals(Sign(purpose, data, mac.Length), mac);
}
