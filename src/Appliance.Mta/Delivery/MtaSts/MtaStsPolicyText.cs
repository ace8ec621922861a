using System.Globalization;

namespace Appliance.Mta.Delivery.MtaSts;

/// <summary>The policy-string of a TLS report (RFC 8460 §4.4): the MTA-STS policy's lines (RFC 8461 §3.2).</summary>
public static class MtaStsPolicyText
{
    /// <summary>
    /// The policy as its text lines ("version: STSv1", "mode: …", one "mx: …" per pattern, "max_age: seconds"), the
    /// form TLS-RPT's policy-string wants.
    /// </summary>
    public static IReadOnlyList<string> Lines(MtaStsPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(policy);
        var lines = new List<string> { "version: STSv1", "mode: " + policy.Mode.ToString().ToLowerInvariant() };
        lines.AddRange(policy.MxPatterns.Select(p => "mx: " + p));
        lines.Add("max_age: " + ((long)policy.MaxAge.TotalSeconds).ToString(CultureInfo.InvariantCulture));
        return lines;
    }
}
