namespace Appliance.Web.Modules.TenantUsers;

/// <summary>Log messages of tenant users and invitations (event ids 5140–5149).</summary>
internal static partial class TenantUsersLog
{
    [LoggerMessage(5140, LogLevel.Information, "Invitation for {Email} ({Role} of tenant {Tenant}) queued; valid until {ExpiresAt:u}")]
    public static partial void Invited(ILogger logger, string email, string role, string tenant, DateTimeOffset expiresAt);

    [LoggerMessage(5141, LogLevel.Warning, "Invitation mail for {Email} refused by the queue: {Reply}; the invitation was withdrawn")]
    public static partial void MailRefused(ILogger logger, string email, string reply);

    [LoggerMessage(5142, LogLevel.Information, "Invitation for {Email} accepted: user of tenant {Tenant} created")]
    public static partial void Accepted(ILogger logger, string email, string tenant);
}
