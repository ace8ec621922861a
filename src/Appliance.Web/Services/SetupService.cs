using Appliance.Web.Api;
using Appliance.Web.Data;
using Appliance.Web.Data.Entities;
using Appliance.Web.Security;
using Microsoft.AspNetCore.Identity;

namespace Appliance.Web.Services;

/// <summary>The first-run wizard's action: check the one-time token, create the administrator, store the hostname.</summary>
public sealed class SetupService(
    SetupState state,
    UserManager<ApplianceUser> users,
    SettingsService settings,
    IAuditLog audit,
    TimeProvider time,
    ILogger<SetupService> logger)
{
    private static readonly SemaphoreSlim Gate = new(1, 1);

    public async Task<SetupResult> CompleteAsync(string? token, string email, string password, string hostname, CancellationToken cancellationToken = default)
    {
        email = email.Trim();
        hostname = hostname.Trim().TrimEnd('.').ToLowerInvariant();
        // RFC 5321 §2.3.5 / RFC 1123 §2.1: the EHLO name is a fully qualified domain name.
        if (!DomainSyntax.IsValidDomain(hostname) || !hostname.Contains('.', StringComparison.Ordinal))
            return SetupResult.Fail($"'{hostname}' is not a valid fully qualified host name (e.g. mail.example.com).");

        // One wizard run at a time: two concurrent posts must not both create an administrator.
        await Gate.WaitAsync(cancellationToken);
        try
        {
            if (!state.IsValid(token)) return SetupResult.Fail("The setup token is not valid, or setup was already completed.");

            var user = new ApplianceUser { UserName = email, Email = email, EmailConfirmed = true, CreatedAt = time.GetUtcNow() };
            var created = await users.CreateAsync(user, password);
            if (!created.Succeeded) return SetupResult.Fail(created.Errors.Select(e => e.Description).ToArray());
            var added = await users.AddToRoleAsync(user, ApplianceRoles.Admin);
            if (!added.Succeeded)
            {
                await users.DeleteAsync(user);
                return SetupResult.Fail(added.Errors.Select(e => e.Description).ToArray());
            }

            var previous = await settings.SetAsync(SettingKeys.Hostname, hostname, cancellationToken);
            state.Complete();
            await audit.RecordAsync(AuditActors.System, "setup.complete", email, previous is null ? null : new { hostname = previous },
                new { admin = email, role = ApplianceRoles.Admin, hostname }, cancellationToken);
            logger.LogInformation("Setup completed: administrator {Email} created, hostname {Hostname}", email, hostname);
            return SetupResult.Ok;
        }
        finally
        {
            Gate.Release();
        }
    }
}
