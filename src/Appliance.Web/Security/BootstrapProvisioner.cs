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
        foreach (var role in ApplianceRoles.All)
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
            logger.LogDebug("An administrator exists; Appliance:Bootstrap:AdminEmail is not used");
            return;
        }
        if (string.IsNullOrWhiteSpace(o.AdminEmail) || string.IsNullOrEmpty(o.AdminPassword))
        {
            logger.LogInformation("No administrator exists and Appliance:Bootstrap:AdminEmail/AdminPassword are not set: the setup wizard will create one");
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
                logger.LogError("Bootstrap administrator {Email} not created: {Errors}", email, Describe(created));
                return;
            }
        }
        var added = await users.AddToRoleAsync(user, ApplianceRoles.Admin);
        if (!added.Succeeded)
        {
            logger.LogError("Bootstrap administrator {Email} not added to role Admin: {Errors}", email, Describe(added));
            return;
        }
        logger.LogInformation("Created bootstrap administrator {Email} in role Admin", email);
    }

    private async Task ProvisionApiKeyAsync(CancellationToken cancellationToken)
    {
        var key = options.Value.ApiKey?.Trim();
        if (string.IsNullOrEmpty(key)) key = ReadKeyFile(options.Value.ApiKeyFile);
        if (string.IsNullOrEmpty(key)) return;
        if (await db.ApiKeys.AnyAsync(k => k.Scope == ApiKey.AdminScope && k.TenantId == null, cancellationToken))
        {
            logger.LogDebug("An admin API key exists; Appliance:Bootstrap:ApiKey is not used");
            return;
        }
        if (key.Length < BootstrapOptions.MinApiKeyLength)
        {
            logger.LogError("Appliance:Bootstrap:ApiKey is shorter than {Min} characters; not stored", BootstrapOptions.MinApiKeyLength);
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
        logger.LogInformation("Stored the bootstrap admin API key as \"{Name}\" (hashed)", BootstrapKeyName);
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
            logger.LogError("Appliance:Bootstrap:ApiKeyFile {Path} is not readable: {Reason}", path, e.Message);
            return null;
        }
    }

    private static string Describe(IdentityResult result) => string.Join("; ", result.Errors.Select(e => e.Description));
}
