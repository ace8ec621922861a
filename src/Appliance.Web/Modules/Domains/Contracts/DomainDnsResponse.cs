namespace Appliance.Web.Modules.Domains.Contracts;

/// <summary>GET /api/v1/domains/{name}/dns: the records to publish with their live status, and every check.</summary>
public sealed record DomainDnsResponse(string Domain, DateTimeOffset CheckedAt, string Worst, IReadOnlyList<DnsRecordResponse> Records, IReadOnlyList<DnsCheckResponse> Checks);
