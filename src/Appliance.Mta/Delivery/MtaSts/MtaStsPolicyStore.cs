using System.Collections.Concurrent;
using System.Text.Json;

namespace Appliance.Mta.Delivery.MtaSts;

/// <summary>The policy cache: in memory, persisted as one JSON file per domain under {DataDir}/mta-sts.</summary>
public sealed class MtaStsPolicyStore
{
    private readonly string? _folder;
    private readonly ConcurrentDictionary<string, MtaStsCachedPolicy> _policies = new(StringComparer.OrdinalIgnoreCase);

    /// <param name="folder">Where to persist; null keeps the cache in memory only.</param>
    public MtaStsPolicyStore(string? folder)
    {
        _folder = folder;
        if (folder is null || !Directory.Exists(folder)) return;
        foreach (var file in Directory.EnumerateFiles(folder, "*.json"))
        {
            try
            {
                var cached = JsonSerializer.Deserialize<MtaStsCachedPolicy>(File.ReadAllText(file));
                if (cached is not null) _policies[cached.Domain] = cached;
            }
            catch (Exception e) when (e is JsonException or IOException)
            {
                // A damaged cache file is the same as no cached policy (the next delivery refetches).
            }
        }
    }

    /// <summary>
    /// The cached policy of <paramref name="domain"/> (case and trailing dot ignored), expired or not; null when none.
    /// </summary>
    public MtaStsCachedPolicy? Get(string domain) => _policies.TryGetValue(Key(domain), out var p) ? p : null;

    /// <summary>
    /// Caches <paramref name="policy"/>, replacing the domain's previous one, and persists it (written to a temporary
    /// file then renamed, so a crash leaves the old or the new file).
    /// </summary>
    public void Put(MtaStsCachedPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(policy);
        _policies[Key(policy.Domain)] = policy;
        if (_folder is null) return;
        Directory.CreateDirectory(_folder);
        var path = Path.Combine(_folder, Key(policy.Domain) + ".json");
        var temp = path + ".tmp";
        File.WriteAllText(temp, JsonSerializer.Serialize(policy));
        File.Move(temp, path, overwrite: true);
    }

    private static string Key(string domain) => domain.TrimEnd('.').ToLowerInvariant();
}
