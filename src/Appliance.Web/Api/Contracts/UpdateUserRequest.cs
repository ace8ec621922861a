namespace Appliance.Web.Api.Contracts;

/// <summary>PATCH /api/v1/users/{id}: change the role and/or disable (lock out) or re-enable; absent fields stay.</summary>
public sealed record UpdateUserRequest(string? Role = null, bool? Disabled = null);
