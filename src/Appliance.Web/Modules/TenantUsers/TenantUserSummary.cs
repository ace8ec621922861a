namespace Appliance.Web.Modules.TenantUsers;

/// <summary>A user of one tenant, as the API and the tenant's Users page show it.</summary>
public sealed record TenantUserSummary(string Id, string Email, string? Role, bool LockedOut, bool TwoFactorEnabled, DateTimeOffset CreatedAt);
