using Appliance.Mta.DomainHealth;

namespace Appliance.Web.Modules.Domains.Entities;

/// <summary>One DNS health check run of a domain (history): the worst status and every check's result as JSON.</summary>
public sealed class DomainCheckRun
{
    public long Id { get; set; }

    public int SendingDomainId { get; set; }

    public DateTimeOffset CheckedAt { get; set; }

    public DnsCheckStatus Worst { get; set; }

    /// <summary>The checks as a JSON array of <see cref="Contracts.DnsCheckResponse"/>.</summary>
    public required string ResultsJson { get; set; }
}
