namespace Appliance.Web.Services;

/// <summary>A user as the Users page shows it.</summary>
public sealed record UserSummary(string Id, string Email, string? Role, bool LockedOut, bool TwoFactorEnabled, DateTimeOffset CreatedAt);
