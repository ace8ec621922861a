namespace Appliance.Web.Modules.Domains.Contracts;

/// <summary>One stored run of the health checks (history).</summary>
public sealed record DnsCheckRunResponse(DateTimeOffset CheckedAt, string Worst, IReadOnlyList<DnsCheckResponse> Checks);
