using System.Net;
using Appliance.Mta.Dns;

namespace Appliance.Mta.DomainHealth;

/// <summary>
/// "ptr:&lt;ip&gt;": forward-confirmed reverse DNS (FCrDNS) of a sending source's address whose name is that source's
/// EHLO name (RFC 5321 §4.1.4 lets receivers compare them; M3AAWG asks senders to make them match).
/// </summary>
internal static class ReverseDnsCheck
{
    public static async Task<DnsCheckResult> RunAsync(IDnsResolver dns, SendingSource source, CancellationToken ct)
    {
        var result = await RunAsync(dns, source.Address, source.EhloName, ct).ConfigureAwait(false);
        return source.Name == source.Address.ToString() ? result : result with { Explanation = $"Source {source.Name}: {result.Explanation}" };
    }

    /// <summary>Used when no source is defined: the host's own address against the host name, only ever a warning.</summary>
    public static DnsCheckResult NoSources(DomainHealthRequest request) =>
        new("ptr", DnsCheckStatus.Warn, "No egress source with an address serves this domain's tenant, so reverse DNS is not checked; mail leaves from the host's own " +
            $"addresses ({(request.HostAddresses.Count == 0 ? "none found" : string.Join(", ", request.HostAddresses))}), whose PTR names should be {request.EhloName ?? "the host name"}.", null);

    public static async Task<DnsCheckResult> RunAsync(IDnsResolver dns, IPAddress ip, string? ehloName, CancellationToken ct)
    {
        var check = "ptr:" + ip;
        var arpa = ip.GetArpaName().TrimEnd('.');
        var fix = ehloName is null ? null : new DnsRecordToPublish("PTR", arpa, ehloName.TrimEnd('.') + ".", "Reverse DNS (ask the IP's provider)");
        var ptr = await dns.ResolvePtrAsync(ip, ct).ConfigureAwait(false);
        if (ptr.IsTransient) return new(check, DnsCheckStatus.Warn, $"PTR lookup of {ip} failed temporarily ({ptr.Status}).", null);
        if (ptr.Records.Count == 0) return new(check, DnsCheckStatus.Fail, $"{ip} has no PTR record; many receivers reject or penalise such senders.", fix);
        var confirmed = new List<string>();
        foreach (var name in ptr.Records)
        {
            var forward = await dns.ResolveAddressesAsync(name, ct).ConfigureAwait(false);
            if (forward.Records.Any(a => a.Equals(ip))) confirmed.Add(name);
        }
        if (confirmed.Count == 0)
            return new(check, DnsCheckStatus.Fail, $"PTR of {ip} is {string.Join(", ", ptr.Records)}, but that name does not resolve back to {ip}.",
                new DnsRecordToPublish(ip.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 ? "AAAA" : "A", ptr.Records[0], ip.ToString(), "Forward confirmation of the PTR name"));
        if (ehloName is null) return new(check, DnsCheckStatus.Pass, $"{ip} has forward-confirmed reverse DNS {confirmed[0]}.", null);
        if (confirmed.Any(n => n.Equals(ehloName.TrimEnd('.'), StringComparison.OrdinalIgnoreCase)))
            return new(check, DnsCheckStatus.Pass, $"{ip} has forward-confirmed reverse DNS {ehloName} matching the EHLO name.", null);
        return new(check, DnsCheckStatus.Warn, $"{ip} resolves to {confirmed[0]} (forward-confirmed), but the EHLO name is {ehloName}; make them the same.", fix);
    }
}
