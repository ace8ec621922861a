namespace Appliance.Mta.DomainHealth;

/// <summary>All checks of one domain at one moment.</summary>
public sealed record DomainHealthReport(string Domain, DateTimeOffset CheckedAt, IReadOnlyList<DnsCheckResult> Checks);
