namespace Appliance.Mta.Delivery.MtaSts;

/// <summary>The "_mta-sts" TXT record (RFC 8461 §3.1): "v=STSv1; id=...;" plus extension fields.</summary>
public sealed record MtaStsTxtRecord(string Id, IReadOnlyDictionary<string, string> Tags)
{
    /// <summary>Splits the record into tags ("k=v" separated by ";" with optional whitespace; empty fields ignored).</summary>
    public static Dictionary<string, string> ParseTags(string record)
    {
        ArgumentNullException.ThrowIfNull(record);
        var tags = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var field in record.Split(';'))
        {
            var f = field.Trim(' ', '\t');
            if (f.Length == 0) continue;
            var eq = f.IndexOf('=', StringComparison.Ordinal);
            if (eq <= 0) continue;
            tags.TryAdd(f[..eq].Trim(), f[(eq + 1)..].Trim());
        }
        return tags;
    }

    /// <summary>A valid record: v=STSv1 first, id = 1*32 alphanumerics (§3.1); null otherwise.</summary>
    public static MtaStsTxtRecord? TryParse(string record)
    {
        ArgumentNullException.ThrowIfNull(record);
        if (!record.TrimStart().StartsWith("v=STSv1", StringComparison.Ordinal)) return null;
        var tags = ParseTags(record);
        if (!tags.TryGetValue("v", out var v) || v != "STSv1") return null;
        if (!tags.TryGetValue("id", out var id) || id.Length is 0 or > 32 || !id.All(char.IsAsciiLetterOrDigit)) return null;
        return new MtaStsTxtRecord(id, tags);
    }
}
