using System.Net;
using System.Net.Sockets;
using Appliance.Mta.Dns.Spf;

namespace Appliance.Mta.DomainHealth;

/// <summary>"spf": is every sending IP authorised by the return-path domain's SPF record (RFC 7208 check_host)?</summary>
internal static class SpfHealthCheck
{
    public static async Task<DnsCheckResult> RunAsync(SpfEvaluator spf, string domain, DomainHealthRequest request, CancellationToken ct)
    {
        var (record, status, reason) = await spf.FetchRecordAsync(domain, ct).ConfigureAwait(false);
        var ips = request.SendingIps;
        if (record is null)
        {
            if (status == SpfResult.TempError) return new("spf", DnsCheckStatus.Warn, $"SPF lookup failed temporarily: {reason}", null);
            var fix = new DnsRecordToPublish("TXT", domain, $"v=spf1 {string.Join(' ', ips.Select(Mechanism))} -all".Replace("  ", " ", StringComparison.Ordinal), "SPF");
            return new("spf", DnsCheckStatus.Fail, status == SpfResult.PermError ? $"The SPF record of {domain} is invalid: {reason}" : $"{domain} publishes no SPF record.", fix);
        }
        var unauthorised = new List<string>();
        foreach (var ip in ips)
        {
            var result = await spf.CheckHostAsync(ip, domain, "postmaster@" + domain, request.EhloName ?? domain, ct).ConfigureAwait(false);
            if (result.Result == SpfResult.TempError) return new("spf", DnsCheckStatus.Warn, $"SPF evaluation for {ip} failed temporarily: {result.Reason}", null);
            if (result.Result == SpfResult.PermError) return new("spf", DnsCheckStatus.Fail, $"SPF evaluation for {ip} gives permerror: {result.Reason}", null);
            if (result.Result != SpfResult.Pass) unauthorised.Add($"{ip} ({result.Result.ToString().ToLowerInvariant()})");
        }
        if (unauthorised.Count == 0)
            return new("spf", DnsCheckStatus.Pass, ips.Count == 0 ? $"{domain} publishes an SPF record (no sending IPs to check)." : $"SPF of {domain} authorises every sending IP.", null);
        var missing = ips.Where(ip => unauthorised.Any(u => u.StartsWith(ip.ToString() + " ", StringComparison.Ordinal))).Select(Mechanism);
        var current = await CurrentRecordTextAsync(spf, domain, ct).ConfigureAwait(false);
        return new("spf", DnsCheckStatus.Fail, $"SPF of {domain} does not authorise: {string.Join(", ", unauthorised)}.",
            new DnsRecordToPublish("TXT", domain, AddMechanisms(current, missing), "SPF"));
    }

    private static string Mechanism(IPAddress ip) => ip.AddressFamily == AddressFamily.InterNetworkV6 ? $"ip6:{ip}" : $"ip4:{ip}";

    private static Task<string> CurrentRecordTextAsync(SpfEvaluator spf, string domain, CancellationToken ct) => spf.FetchRecordTextAsync(domain, ct);

    /// <summary>Inserts the mechanisms right after "v=spf1" so they are evaluated before any "all".</summary>
    internal static string AddMechanisms(string record, IEnumerable<string> mechanisms) =>
        "v=spf1 " + string.Join(' ', mechanisms) + record[6..].TrimEnd();
}
