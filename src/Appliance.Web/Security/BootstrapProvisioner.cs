using Appliance.Web.Configuration;
using Appliance.Web.Data;
using Appliance.Web.Data.Entities;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Appliance.Web.Security;

/// <summary>
/// First-start provisioning from Appliance:Bootstrap: the roles, the first admin user (only while nobody is in
/// role Admin) and the first admin API key (only while no admin-scoped key exists). Secrets are never logged.
/// </summary>
public sealed class BootstrapProvisioner(
    UserManager<ApplianceUser> users,
    RoleManager<IdentityRole> roles,
    ApplianceDbContext db,
    IOptions<BootstrapOptions> options,
    TimeProvider time,
    ILogger<BootstrapProvisioner> logger)
{
    public const string BootstrapKeyName = "bootstrap";

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        foreach (var role in ApplianceRoles.Every)
        {
            if (await roles.RoleExistsAsync(role)) continue;
            var created = await roles.CreateAsync(new IdentityRole(role));
            if (!created.Succeeded) throw new InvalidOperationException($"Could not create role {role}: {Describe(created)}");
        }

        await ProvisionAdminAsync();
        await ProvisionApiKeyAsync(cancellationToken);
    }

    private async Task ProvisionAdminAsync()
    {
        var o = options.Value;
        if ((await users.GetUsersInRoleAsync(ApplianceRoles.Admin)).Count > 0)
        {
            BootstrapLog.AdministratorExists(logger);
            return;
        }
        if (string.IsNullOrWhiteSpace(o.AdminEmail) || string.IsNullOrEmpty(o.AdminPassword))
        {
            BootstrapLog.WizardWillCreateAdministrator(logger);
            return;
        }

        var email = o.AdminEmail.Trim();
        var user = await users.FindByEmailAsync(email);
        if (user is null)
        {
            user = new ApplianceUser { UserName = email, Email = email, EmailConfirmed = true, CreatedAt = time.GetUtcNow() };
            var created = await users.CreateAsync(user, o.AdminPassword);
            if (!created.Succeeded)
            {
                BootstrapLog.AdministratorNotCreated(logger, email, Describe(created));
                return;
            }
        }
        var added = await users.AddToRoleAsync(user, ApplianceRoles.Admin);
        if (!added.Succeeded)
        {
            BootstrapLog.AdministratorNotInRole(logger, email, Describe(added));
            return;
        }
        BootstrapLog.AdministratorCreated(logger, email);
    }

    private async Task ProvisionApiKeyAsync(CancellationToken cancellationToken)
    {
        var key = options.Value.ApiKey?.Trim();
        if (string.IsNullOrEmpty(key)) key = ReadKeyFile(options.Value.ApiKeyFile);
        if (string.IsNullOrEmpty(key)) return;
        if (await db.ApiKeys.AnyAsync(k => k.Scope == ApiKey.AdminScope && k.TenantId == null, cancellationToken))
        {
            BootstrapLog.ApiKeyExists(logger);
            return;
        }
        if (key.Length < BootstrapOptions.MinApiKeyLength)
        {
            BootstrapLog.ApiKeyTooShort(logger, BootstrapOptions.MinApiKeyLength);
            return;
        }

        db.ApiKeys.Add(new ApiKey
        {
            Name = BootstrapKeyName,
            Prefix = ApiKeyHasher.PrefixOf(key),
            Hash = ApiKeyHasher.Hash(key),
            Scope = ApiKey.AdminScope,
            CreatedAt = time.GetUtcNow(),
        });
        await db.SaveChangesAsync(cancellationToken);
        BootstrapLog.ApiKeyStored(logger, BootstrapKeyName);
    }

    private string? ReadKeyFile(string? path)
    {
        if (string.IsNullOrWhiteSpace(path) || !File.Exists(path)) return null;
        try
        {
            return File.ReadAllText(path).Trim();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            BootstrapLog.ApiKeyFileUnreadable(logger, path, e.Message);
            return null;
        }
    }

    private static string Describe(IdentityResult result) => string.Join("; ", result.Errors.Select(e => e.Description));
}
