using System.Net;

namespace Appliance.Mta.DomainHealth;

/// <summary>What to check for one sending domain.</summary>
public sealed record DomainHealthRequest
{
    /// <summary>The From: (RFC 5322) domain.</summary>
    public required string Domain { get; init; }

    /// <summary>The MAIL FROM (bounce) domain; null means the same as <see cref="Domain"/>.</summary>
    public string? ReturnPathDomain { get; init; }

    /// <summary>The DKIM records that should be published (selector and expected key).</summary>
    public IReadOnlyList<ExpectedDkimRecord> DkimRecords { get; init; } = [];

    /// <summary>
    /// The egress sources with a bind address in the pools the domain's tenant can use (any stream). Each is checked
    /// against the return-path domain's SPF record and for forward-confirmed reverse DNS equal to its own EHLO name.
    /// </summary>
    public IReadOnlyList<SendingSource> Sources { get; init; } = [];

    /// <summary>Extra public addresses (NAT, external relays) checked like sources, with <see cref="EhloName"/>.</summary>
    public IReadOnlyList<IPAddress> SendingIps { get; init; } = [];

    /// <summary>The EHLO name the appliance announces by default (host name); PTR names of extra addresses should match it.</summary>
    public string? EhloName { get; init; }

    /// <summary>The host's own addresses, named in the warning when no source or extra address is defined.</summary>
    public IReadOnlyList<IPAddress> HostAddresses { get; init; } = [];

    /// <summary>Sources then extra addresses, each (address, EHLO name) once.</summary>
    public IReadOnlyList<SendingSource> AllSources()
    {
        var all = new List<SendingSource>();
        foreach (var s in Sources.Concat(SendingIps.Select(ip => new SendingSource(ip.ToString(), ip, EhloName))))
        {
            var source = s.EhloName is null && EhloName is not null ? s with { EhloName = EhloName } : s;
            if (!all.Any(a => a.Address.Equals(source.Address) && string.Equals(a.EhloName, source.EhloName, StringComparison.OrdinalIgnoreCase)))
                all.Add(source);
        }
        return all;
    }

    /// <summary>The appliance's MX host names the return-path domain should point at.</summary>
    public IReadOnlyList<string> ApplianceMxHosts { get; init; } = [];
}
