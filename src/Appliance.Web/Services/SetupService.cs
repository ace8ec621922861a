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
    ApplianceDbContext db,
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
        // Every problem of the form at once, not the first one found.
        var errors = await ValidateAsync(password, hostname);
        if (errors.Count > 0) return SetupResult.Fail([.. errors]);

        // One wizard run at a time: two concurrent posts must not both create an administrator.
        await Gate.WaitAsync(cancellationToken);
        try
        {
            if (!state.IsValid(token)) return SetupResult.Fail("The setup token is not valid, or setup was already completed.");

            // The administrator (Identity saves through the scoped db), the hostname and the audit row: all or nothing.
            var user = new ApplianceUser { UserName = email, Email = email, EmailConfirmed = true, CreatedAt = time.GetUtcNow() };
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            var created = await users.CreateAsync(user, password);
            if (!created.Succeeded) return SetupResult.Fail(created.Errors.Select(e => e.Description).ToArray());
            var added = await users.AddToRoleAsync(user, ApplianceRoles.Admin);
            if (!added.Succeeded) return SetupResult.Fail(added.Errors.Select(e => e.Description).ToArray()); // rolled back

            var previous = await settings.StageAsync(db, SettingKeys.Hostname, hostname, cancellationToken);
            await audit.SaveChangesAsync(db, AuditActors.System, "setup.complete", email, previous is null ? null : new { hostname = previous },
                () => new { admin = email, role = ApplianceRoles.Admin, hostname }, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            settings.NotifyChanged(SettingKeys.Hostname, hostname);
            state.Complete();
            HostLog.SetupCompleted(logger, email, hostname);
            return SetupResult.Ok;
        }
        finally
        {
            Gate.Release();
        }
    }

    /// <summary>The hostname's and the password's problems (Identity's password rules), all of them; empty when both are fine.</summary>
    public async Task<IReadOnlyList<string>> ValidateAsync(string password, string hostname)
    {
        var errors = new List<string>();
        hostname = hostname.Trim().TrimEnd('.').ToLowerInvariant();
        // RFC 5321 §2.3.5 / RFC 1123 §2.1: the EHLO name is a fully qualified domain name.
        if (hostname.Length == 0) errors.Add("Enter the appliance's hostname (e.g. mail.example.com).");
        else if (!DomainSyntax.IsValidDomain(hostname) || !hostname.Contains('.', StringComparison.Ordinal))
            errors.Add($"'{hostname}' is not a valid fully qualified host name (e.g. mail.example.com).");
        var candidate = new ApplianceUser();
        foreach (var validator in users.PasswordValidators)
        {
            var result = await validator.ValidateAsync(users, candidate, password);
            if (!result.Succeeded) errors.AddRange(result.Errors.Select(e => e.Description));
        }
        return errors;
    }
}
