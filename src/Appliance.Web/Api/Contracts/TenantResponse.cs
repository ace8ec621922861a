namespace Appliance.Web.Api.Contracts;

public sealed record TenantResponse(string Id, string Name, bool DsnEnabled, DateTimeOffset CreatedAt);
