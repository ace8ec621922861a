namespace Appliance.Mta.Delivery.MtaSts;

/// <summary>A parsed MTA-STS policy (RFC 8461 §3.2).</summary>
public sealed record MtaStsPolicy(MtaStsMode Mode, IReadOnlyList<string> MxPatterns, TimeSpan MaxAge)
{
    /// <summary>RFC 8461 §3.2: max_age is at most 31557600 seconds (about a year).</summary>
    public const long MaxAgeLimitSeconds = 31557600;

    /// <summary>
    /// RFC 8461 §4.1: a pattern matches the MX host name exactly, or "*.example.com" matches exactly one label
    /// in place of the "*". Trailing dots and case are ignored.
    /// </summary>
    public bool MatchesMx(string mxHost)
    {
        ArgumentNullException.ThrowIfNull(mxHost);
        var host = mxHost.TrimEnd('.').ToLowerInvariant();
        foreach (var raw in MxPatterns)
        {
            var pattern = raw.TrimEnd('.').ToLowerInvariant();
            if (pattern.StartsWith("*.", StringComparison.Ordinal))
            {
                var suffix = pattern[1..];
                if (host.EndsWith(suffix, StringComparison.Ordinal) && host.Length > suffix.Length && !host[..^suffix.Length].Contains('.', StringComparison.Ordinal))
                    return true;
            }
            else if (host == pattern)
            {
                return true;
            }
        }
        return false;
    }
}
