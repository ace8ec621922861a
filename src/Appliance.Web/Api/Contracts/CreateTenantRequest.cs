namespace Appliance.Web.Api.Contracts;

public sealed record CreateTenantRequest(string? Name, bool? DsnEnabled = null);
