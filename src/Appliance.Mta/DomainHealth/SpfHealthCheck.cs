using System.Net;
using System.Net.Sockets;
using Appliance.Mta.Dns.Spf;

namespace Appliance.Mta.DomainHealth;

/// <summary>
/// "spf": is every sending source's address authorised by the return-path domain's SPF record (RFC 7208 §4
/// check_host)? One summary row "spf" (with the record to publish) plus one row "spf:&lt;source&gt;" per source.
/// </summary>
internal static class SpfHealthCheck
{
    public static async Task<IReadOnlyList<DnsCheckResult>> RunAsync(SpfEvaluator spf, string domain, DomainHealthRequest request, CancellationToken ct)
    {
        var sources = request.AllSources();
        var (record, status, reason) = await spf.FetchRecordAsync(domain, ct).ConfigureAwait(false);
        if (record is null)
        {
            if (status == SpfResult.TempError) return [new("spf", DnsCheckStatus.Warn, $"SPF lookup failed temporarily: {reason}", null)];
            var ips = sources.Count > 0 ? sources.Select(s => s.Address) : request.HostAddresses;
            var fix = new DnsRecordToPublish("TXT", domain, $"v=spf1 {string.Join(' ', ips.Distinct().Select(Mechanism))} -all".Replace("  ", " ", StringComparison.Ordinal), "SPF");
            return [new("spf", DnsCheckStatus.Fail, status == SpfResult.PermError ? $"The SPF record of {domain} is invalid: {reason}" : $"{domain} publishes no SPF record.", fix)];
        }
        if (sources.Count == 0)
            return [new("spf", DnsCheckStatus.Warn, $"{domain} publishes an SPF record, but no egress source with an address serves this domain's tenant, " +
                $"so it cannot be checked against the addresses mail leaves from: the host's own ({Describe(request.HostAddresses)}). " +
                "Give the tenant's pools sources with bind addresses, or list the public addresses in Appliance:Dkim:SendingIps.", null)];

        var rows = new List<DnsCheckResult>();
        var unauthorised = new List<SendingSource>();
        DnsCheckResult? summary = null;
        foreach (var source in sources)
        {
            var check = "spf:" + source.Name;
            var label = source.Name == source.Address.ToString() ? source.Name : $"{source.Name} ({source.Address})";
            var result = await spf.CheckHostAsync(source.Address, domain, "postmaster@" + domain, source.EhloName ?? domain, ct).ConfigureAwait(false);
            switch (result.Result)
            {
                case SpfResult.Pass:
                    rows.Add(new(check, DnsCheckStatus.Pass, $"SPF of {domain} authorises {label}.", null));
                    break;
                case SpfResult.TempError:
                    rows.Add(new(check, DnsCheckStatus.Warn, $"SPF evaluation for {label} failed temporarily: {result.Reason}", null));
                    summary ??= new("spf", DnsCheckStatus.Warn, $"SPF evaluation for {label} failed temporarily: {result.Reason}", null);
                    break;
                case SpfResult.PermError:
                    rows.Add(new(check, DnsCheckStatus.Fail, $"SPF evaluation for {label} gives permerror: {result.Reason}", null));
                    summary = new("spf", DnsCheckStatus.Fail, $"SPF evaluation for {label} gives permerror: {result.Reason}", null);
                    break;
                default:
                    rows.Add(new(check, DnsCheckStatus.Fail, $"SPF of {domain} does not authorise {label} ({result.Result.ToString().ToLowerInvariant()}).", null));
                    unauthorised.Add(source);
                    break;
            }
        }
        if (summary is { Status: DnsCheckStatus.Fail } || (summary is not null && unauthorised.Count == 0))
            return [summary, .. rows];
        if (unauthorised.Count == 0)
            return [new("spf", DnsCheckStatus.Pass, $"SPF of {domain} authorises every sending source ({sources.Count}).", null), .. rows];
        var current = await spf.FetchRecordTextAsync(domain, ct).ConfigureAwait(false);
        var missing = unauthorised.Select(s => s.Address).Distinct().Select(Mechanism);
        var names = unauthorised.Select(s => s.Name == s.Address.ToString() ? s.Name : $"{s.Name} ({s.Address})");
        return [new("spf", DnsCheckStatus.Fail, $"SPF of {domain} does not authorise: {string.Join(", ", names)}.",
            new DnsRecordToPublish("TXT", domain, AddMechanisms(current, missing), "SPF")), .. rows];
    }

    private static string Describe(IReadOnlyList<IPAddress> addresses) =>
        addresses.Count == 0 ? "none found" : string.Join(", ", addresses);

    private static string Mechanism(IPAddress ip) => ip.AddressFamily == AddressFamily.InterNetworkV6 ? $"ip6:{ip}" : $"ip4:{ip}";

    /// <summary>Inserts the mechanisms right after "v=spf1" so they are evaluated before any "all".</summary>
    internal static string AddMechanisms(string record, IEnumerable<string> mechanisms) =>
        "v=spf1 " + string.Join(' ', mechanisms) + record[6..].TrimEnd();
}
