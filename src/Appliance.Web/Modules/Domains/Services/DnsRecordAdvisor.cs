using System.Net;
using System.Net.Sockets;
using Appliance.Mta.Configuration;
using Appliance.Mta.Dns.Dmarc;
using Appliance.Mta.Egress;
using Appliance.Web.Modules.Domains.Contracts;
using Appliance.Web.Modules.Domains.Entities;
using Appliance.Web.Modules.Reports;
using Appliance.Web.Services.Tls;
using Microsoft.Extensions.Options;

namespace Appliance.Web.Modules.Domains.Services;

/// <summary>
/// The records to publish for a sending domain, from the appliance's own configuration (no DNS lookup, so they are
/// complete before the first check): every published DKIM key; SPF of the return-path domain listing the bind
/// addresses of the egress sources in the pools the domain's tenant can use (plus <c>Appliance:Dkim:SendingIps</c>);
/// the return-path MX pointing at the appliance; DMARC and TLS-RPT whose rua= addresses are report mailboxes the
/// appliance ingests (<see cref="ReportsOptions.LocalParts"/> at the return-path domain); the TLSA record of our MX
/// for the listeners' current certificate (inbound DANE, once the engine has started). The health checks verify
/// them; this class only says what they should be.
/// </summary>
public sealed class DnsRecordAdvisor(
    EgressConfiguration egress,
    HostAddresses host,
    IOptions<MtaOptions> mta,
    IOptions<DkimOptions> dkim,
    IOptions<ReportsOptions> reports,
    IListenerCertificateSource? certificates = null)
{
    public DnsAdviceResponse Advise(SendingDomain d)
    {
        var records = new List<DnsRecordResponse>();
        var warnings = new List<string>();
        foreach (var k in d.Keys.Where(k => k.Status is DkimKeyStatus.Pending or DkimKeyStatus.Active or DkimKeyStatus.Retiring)
                     .OrderBy(k => k.Status).ThenBy(k => k.Algorithm))
            records.Add(new DnsRecordResponse("TXT", DkimRecordProbe.RecordName(k.Selector, d.Name), k.TxtRecord, DkimPurpose(k, d), Check: "dkim:" + k.Selector));

        var returnPath = d.ReturnPathDomain.TrimEnd('.').ToLowerInvariant();
        records.Add(Spf(d.TenantId, returnPath, warnings));
        var hostname = mta.Value.Hostname.TrimEnd('.');
        records.Add(new DnsRecordResponse("MX", returnPath, "10 " + hostname, "Return path: bounces and reports come back to the appliance", Check: "return-path-mx"));
        // Inbound DANE (RFC 7672 §2.2, RFC 7671 §5.1: DANE-EE with the public key's SHA-256 survives renewals that keep the
        // key): lets DANE senders require TLS with our listeners' key for the bounces and reports they send us.
        if (certificates?.Certificate is { } certificate)
        {
            var tlsa = TlsaSuggestion.For(certificate, hostname);
            records.Add(new DnsRecordResponse("TLSA", tlsa.Name, tlsa.Value,
                $"DANE for mail to the appliance ({hostname}, the return path's MX): publish only in a DNSSEC-signed zone; before a certificate with a new key, publish its record too (Listeners and TLS page)",
                Check: "tlsa"));
        }

        // RFC 7489 §6.2 rua=; RFC 8460 §3 rua=. Both point at mailboxes the Reports module ingests.
        var dmarcMailbox = ReportMailbox("dmarc", returnPath);
        var tlsMailbox = ReportMailbox("tls-rpt", returnPath);
        if (dmarcMailbox is null) warnings.Add("No report mailbox is configured (Appliance:Reports:LocalParts): the DMARC and TLS-RPT records below ask for no reports.");
        records.Add(new DnsRecordResponse("TXT", "_dmarc." + d.Name,
            "v=DMARC1; p=none" + (dmarcMailbox is null ? "" : "; rua=mailto:" + dmarcMailbox),
            "DMARC (start with p=none; move to quarantine or reject once the reports are clean)", Check: "dmarc"));
        if (dmarcMailbox is not null && ExternalDestination(d.Name, dmarcMailbox) is { } destination)
        {
            // RFC 7489 §7.1: a report address outside the policy domain's organisational domain must opt in.
            records.Add(new DnsRecordResponse("TXT", $"{d.Name}._report._dmarc.{destination}", "v=DMARC1",
                $"DMARC external report authorisation ({destination} accepts {d.Name}'s reports)", Check: "dmarc"));
        }
        if (tlsMailbox is not null)
            records.Add(new DnsRecordResponse("TXT", "_smtp._tls." + d.Name, "v=TLSRPTv1; rua=mailto:" + tlsMailbox, "TLS-RPT (TLS failure reports)", Check: "tls-rpt"));
        return new DnsAdviceResponse(records, warnings);
    }

    /// <summary>
    /// The record of <paramref name="advice"/> a failing check should lead to, in place of the check's own
    /// suggestion when that one is generic: a fresh SPF record with no address, or DMARC/TLS-RPT with a report
    /// address the appliance does not read. An SPF fix that merges into the current record is kept.
    /// </summary>
    public static DnsCheckResponse WithAdvisedFix(DnsCheckResponse check, DnsAdviceResponse advice)
    {
        if (check.Fix is not { } fix) return check;
        var advised = advice.Records.FirstOrDefault(r => r.Check == check.Check && string.Equals(r.Name, fix.Name, StringComparison.OrdinalIgnoreCase));
        if (advised is null) return check;
        var replace = check.Check switch
        {
            "dmarc" or "tls-rpt" => true,
            "spf" => !fix.Value.Split(' ').Any(m => m.Contains(':', StringComparison.Ordinal) || m is "a" or "mx"),
            _ => false,
        };
        return replace ? check with { Fix = advised with { Status = null, Explanation = null } } : check;
    }

    /// <summary>Each record with the status and explanation of the check that verifies it (null when never checked).</summary>
    public static IReadOnlyList<DnsRecordResponse> WithStatus(IEnumerable<DnsRecordResponse> records, IReadOnlyList<DnsCheckResponse>? checks) =>
        records.Select(r => checks?.FirstOrDefault(c => c.Check == r.Check) is { } c ? r with { Status = c.Status, Explanation = c.Explanation } : r).ToList();

    private DnsRecordResponse Spf(string tenantId, string returnPath, List<string> warnings)
    {
        // RFC 7208 §5.6: ip4:/ip6: mechanisms; the addresses mail leaves from are the egress sources' bind addresses.
        var plan = egress.Plan;
        var pools = EgressStreams.All.Select(s => plan.PoolFor(tenantId, s)).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        var sources = plan.Pools.Where(p => pools.Contains(p.Name, StringComparer.OrdinalIgnoreCase))
            .SelectMany(p => p.Members).Select(m => egress.Source(m.Source) ?? new EgressSource(m.Source))
            .DistinctBy(s => s.Name, StringComparer.OrdinalIgnoreCase).ToList();
        var addresses = sources.Where(s => s.BindAddress is not null).Select(s => s.BindAddress!).ToList();
        foreach (var text in dkim.Value.SendingIps)
            if (IPAddress.TryParse(text.Trim(), out var ip)) addresses.Add(ip);
        var unbound = sources.Where(s => s.BindAddress is null).Select(s => s.Name).ToList();
        var all = "-all";
        if (unbound.Count > 0)
        {
            var hostAddresses = host.List();
            addresses.AddRange(hostAddresses);
            all = "~all";
            warnings.Add(addresses.Count == 0
                ? $"No egress source of tenant {tenantId}'s pools has an address and the host has none besides loopback: the SPF record names the host ({mta.Value.Hostname}). Define egress sources (Pools page) and publish their addresses."
                : $"Egress source(s) {string.Join(", ", unbound)} have no bind address (the kernel chooses): the SPF record lists this host's addresses ({string.Join(", ", hostAddresses)}). Check they are the public addresses mail leaves from, or give the sources addresses on the Pools page.");
        }
        var mechanisms = addresses.Distinct().Select(Mechanism).ToList();
        if (mechanisms.Count == 0) mechanisms.Add("a:" + mta.Value.Hostname.TrimEnd('.'));
        return new DnsRecordResponse("TXT", returnPath, $"v=spf1 {string.Join(' ', mechanisms)} {all}",
            $"SPF of the return-path domain (tenant {tenantId}'s egress addresses)", Check: "spf");
    }

    private static string Mechanism(IPAddress ip)
    {
        if (ip.IsIPv4MappedToIPv6) ip = ip.MapToIPv4();
        return ip.AddressFamily == AddressFamily.InterNetworkV6 ? "ip6:" + ip : "ip4:" + ip;
    }

    /// <summary>The configured report mailbox at the return-path domain, preferring <paramref name="preferred"/> as local part.</summary>
    private string? ReportMailbox(string preferred, string returnPath)
    {
        var o = reports.Value;
        var parts = o.LocalParts.Select(p => p.Trim()).Where(p => p.Length > 0).ToList();
        var local = parts.FirstOrDefault(p => string.Equals(p, preferred, StringComparison.OrdinalIgnoreCase)) ?? parts.FirstOrDefault();
        if (local is not null) return local + "@" + returnPath;
        return o.Addresses.Select(a => a.Trim()).FirstOrDefault(a => a.Contains('@', StringComparison.Ordinal));
    }

    /// <summary>The mailbox's domain when it lies outside the organisational domain of <paramref name="domain"/>.</summary>
    private static string? ExternalDestination(string domain, string mailbox)
    {
        var target = mailbox[(mailbox.LastIndexOf('@') + 1)..].ToLowerInvariant();
        return string.Equals(OrganizationalDomain.Of(target), OrganizationalDomain.Of(domain), StringComparison.OrdinalIgnoreCase) ? null : target;
    }

    private static string DkimPurpose(DkimKey k, SendingDomain d) => k.Status switch
    {
        DkimKeyStatus.Pending => "DKIM key, next (publish it now: signing switches once it is seen)",
        DkimKeyStatus.Retiring => $"DKIM key, previous (keep until {d.GraceEndsAt:u})",
        _ => "DKIM key, active",
    };
}
