using System.Security.Cryptography;

namespace Appliance.Mta.Suppression;

/// <summary>
/// The secret that signs VERP return paths, trace headers and unsubscribe tokens: 32 random bytes in
/// {DataDir}/keys/feedback-hmac.key (mode 0600), created on first use and kept across restarts and upgrades, so
/// late bounces and old unsubscribe links stay valid. In cluster mode the host supplies one key for every node
/// (<see cref="IFeedbackKeySource"/>); a node's former keys still verify what it signed before (<see cref="FormerKeys"/>).
/// </summary>
public sealed class FeedbackKey
{
    /// <summary>
    /// A key over <paramref name="key"/> (at least 16 bytes; throws <see cref="ArgumentException"/> otherwise).
    /// </summary>
    public FeedbackKey(byte[] key)
        : this(key, [])
    {
    }

    /// <summary>
    /// A key over <paramref name="key"/> that signs, and also verifies with <paramref name="formerKeys"/> (keys this
    /// node signed with before, e.g. its own file before it joined a cluster). Each key is at least 16 bytes.
    /// </summary>
    public FeedbackKey(byte[] key, IReadOnlyList<byte[]> formerKeys)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(formerKeys);
        if (key.Length < 16) throw new ArgumentException("The key must be at least 16 bytes.", nameof(key));
        if (formerKeys.Any(k => k.Length < 16)) throw new ArgumentException("Every former key must be at least 16 bytes.", nameof(formerKeys));
        var material = new Material(key, formerKeys.Where(k => !k.AsSpan().SequenceEqual(key)).ToArray());
        _material = new Lazy<Material>(material);
    }

    private FeedbackKey(Func<FeedbackKey> load) =>
        _material = new Lazy<Material>(() => load()._material.Value, LazyThreadSafetyMode.PublicationOnly);

    private readonly Lazy<Material> _material;

    /// <summary>
    /// A key loaded by <paramref name="load"/> at its first use (a signature or a check), not when it is constructed:
    /// the host's source may need a database that is migrated only after the services are built. A failed load is
    /// not cached: the next use tries again.
    /// </summary>
    public static FeedbackKey Deferred(Func<FeedbackKey> load)
    {
        ArgumentNullException.ThrowIfNull(load);
        return new FeedbackKey(load);
    }

    /// <summary>The raw secret that signs. Never log or show it.</summary>
    public byte[] Key => _material.Value.Key;

    /// <summary>Keys that no longer sign but still verify (never the signing key itself).</summary>
    public IReadOnlyList<byte[]> FormerKeys => _material.Value.Former;

    /// <summary>The path of the node-local key file under <paramref name="dataDir"/>.</summary>
    public static string FilePath(string dataDir) => Path.Combine(dataDir, "keys", "feedback-hmac.key");

    /// <summary>
    /// The key in {<paramref name="dataDir"/>}/keys/feedback-hmac.key, created with 32 random bytes (mode 0600) when
    /// the file does not exist.
    /// </summary>
    public static FeedbackKey LoadOrCreate(string dataDir)
    {
        var path = FilePath(dataDir);
        var dir = Path.GetDirectoryName(path)!;
        if (File.Exists(path)) return new FeedbackKey(File.ReadAllBytes(path));
        Directory.CreateDirectory(dir);
        var key = RandomNumberGenerator.GetBytes(32);
        // The first sessions may load the key concurrently (a deferred key loads at first use): each writes its own
        // temporary file, and the first rename wins; a loser reads the winner's key instead of a half-written file.
        var tmp = $"{path}.{Guid.NewGuid():N}.tmp";
        File.WriteAllBytes(tmp, key);
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(tmp, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        try
        {
            File.Move(tmp, path, overwrite: false);
        }
        catch (IOException) when (File.Exists(path))
        {
            File.Delete(tmp);
            return new FeedbackKey(File.ReadAllBytes(path));
        }
        return new FeedbackKey(key);
    }

    /// <summary>HMAC-SHA256 of <paramref name="purpose"/> and <paramref name="data"/>, truncated to <paramref name="length"/> bytes.</summary>
    public byte[] Sign(string purpose, ReadOnlySpan<byte> data, int length) => Sign(Key, purpose, data, length);

    /// <summary>
    /// True when <paramref name="mac"/> is the (truncated) signature of <paramref name="data"/> for <paramref
    /// name="purpose"/> under the signing key or one of the <see cref="FormerKeys"/>; each compared in constant time.
    /// </summary>
    public bool Verify(string purpose, ReadOnlySpan<byte> data, ReadOnlySpan<byte> mac)
    {
        if (CryptographicOperations.FixedTimeEquals(Sign(Key, purpose, data, mac.Length), mac)) return true;
        foreach (var former in _material.Value.Former)
            if (CryptographicOperations.FixedTimeEquals(Sign(former, purpose, data, mac.Length), mac)) return true;
        return false;
    }

    private static byte[] Sign(byte[] key, string purpose, ReadOnlySpan<byte> data, int length)
    {
        var input = new byte[purpose.Length + 1 + data.Length];
        System.Text.Encoding.ASCII.GetBytes(purpose, input);
        data.CopyTo(input.AsSpan(purpose.Length + 1));
        return HMACSHA256.HashData(key, input)[..length];
    }

    private sealed record Material(byte[] Key, byte[][] Former);
}
