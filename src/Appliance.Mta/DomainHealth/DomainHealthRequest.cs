using System.Net;

namespace Appliance.Mta.DomainHealth;

/// <summary>What to check for one sending domain.</summary>
public sealed record DomainHealthRequest
{
    /// <summary>The From: (RFC 5322) domain.</summary>
    public required string Domain { get; init; }

    /// <summary>The MAIL FROM (bounce) domain; null means the same as <see cref="Domain"/>.</summary>
    public string? ReturnPathDomain { get; init; }

    public IReadOnlyList<ExpectedDkimRecord> DkimRecords { get; init; } = [];

    /// <summary>Egress IPs that send for the domain (checked against SPF and reverse DNS).</summary>
    public IReadOnlyList<IPAddress> SendingIps { get; init; } = [];

    /// <summary>The EHLO name the appliance announces; PTR names should match it.</summary>
    public string? EhloName { get; init; }

    /// <summary>The appliance's MX host names the return-path domain should point at.</summary>
    public IReadOnlyList<string> ApplianceMxHosts { get; init; } = [];
}
