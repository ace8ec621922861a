namespace Appliance.Mta.Delivery.Dane;

/// <summary>
/// The DANE side of a delivery plan for one next-hop domain: the MX hosts that have a DANE policy (hosts not listed
/// are reached as before, RFC 7672 §2.2.1) and why hosts were taken out of the plan.
/// </summary>
public sealed record DanePlan(string Domain, IReadOnlyDictionary<string, DaneHostPolicy> Hosts, IReadOnlyList<string> Dropped)
{
    /// <summary>
    /// The DANE policy of MX host <paramref name="host"/> (case and trailing dot ignored); null when the host has none
    /// and is reached as without DANE.
    /// </summary>
    public DaneHostPolicy? For(string host) => Hosts.GetValueOrDefault(host.TrimEnd('.').ToLowerInvariant());

    /// <summary>All TLSA records of the plan, for TLS-RPT's policy-string (RFC 8460 §4.4).</summary>
    public IReadOnlyList<string> PolicyStrings => [.. Hosts.Values.SelectMany(h => h.Records).Select(r => r.ToString()).Distinct()];
}
