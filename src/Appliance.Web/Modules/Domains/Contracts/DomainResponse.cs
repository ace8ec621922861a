namespace Appliance.Web.Modules.Domains.Contracts;

/// <summary>
/// GET /api/v1/domains/{name}: the active selector(s) (two with dual signing), algorithm, TXT record(s), every
/// non-retired selector, the rotation, the return-path domain and the latest health verdict.
/// </summary>
public sealed record DomainResponse(
    string Name, string TenantId, string Algorithm, string ReturnPathDomain, DateTimeOffset CreatedAt,
    IReadOnlyList<DkimSelectorResponse> Active, IReadOnlyList<DkimSelectorResponse> Selectors,
    RotationResponse Rotation, string? Health, DateTimeOffset? HealthCheckedAt);
