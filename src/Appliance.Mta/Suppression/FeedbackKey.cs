using System.Security.Cryptography;

namespace Appliance.Mta.Suppression;

/// <summary>
/// The secret that signs VERP return paths, trace headers and unsubscribe tokens: 32 random bytes in
/// {DataDir}/keys/feedback-hmac.key (mode 0600), created on first use and kept across restarts and upgrades, so
/// late bounces and old unsubscribe links stay valid.
/// </summary>
public sealed class FeedbackKey
{
    public FeedbackKey(byte[] key)
    {
        if (key.Length < 16) throw new ArgumentException("The key must be at least 16 bytes.", nameof(key));
        Key = key;
    }

    public byte[] Key { get; }

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

    public bool Verify(string purpose, ReadOnlySpan<byte> data, ReadOnlySpan<byte> mac) =>
        CryptographicOperations.FixedTimeEquals(Sign(purpose, data, mac.Length), mac);
}
