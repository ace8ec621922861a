using Appliance.Web.Data;
using Appliance.Web.Security;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Appliance.Web.Services;

/// <summary>
/// User management for administrators: every user has exactly one of <see cref="ApplianceRoles.All"/>. The last
/// administrator cannot be demoted, locked or deleted (the appliance would have nobody to manage it).
/// Identity's <see cref="UserManager{TUser}"/> saves through the scoped <paramref name="db"/>, so each change runs in a
/// transaction on it with its audit row: both are stored, or neither.
/// </summary>
public sealed class UserAdminService(UserManager<ApplianceUser> users, ApplianceDbContext db, IAuditLog audit, TimeProvider time)
{
    public async Task<IReadOnlyList<UserSummary>> ListAsync(CancellationToken ct = default)
    {
        var all = await users.Users.AsNoTracking().ToListAsync(ct);
        var result = new List<UserSummary>();
        foreach (var user in all.OrderBy(u => u.Email, StringComparer.OrdinalIgnoreCase)) result.Add(await SummaryAsync(user));
        return result;
    }

    public async Task<ServiceResult<UserSummary>> CreateAsync(string? email, string? password, string? role, string actor, CancellationToken ct = default)
    {
        email = email?.Trim() ?? "";
        var errors = new FieldErrors();
        if (email.Length == 0 || !new System.ComponentModel.DataAnnotations.EmailAddressAttribute().IsValid(email)) errors.Add("email", "Enter a valid e-mail address.");
        if (string.IsNullOrEmpty(password)) errors.Add("password", "Enter a password.");
        if (role is null || !ApplianceRoles.All.Contains(role)) errors.Add("role", $"The role must be one of: {string.Join(", ", ApplianceRoles.All)}.");
        if (!errors.IsValid) return errors.ToResult<UserSummary>();
        if (await users.FindByEmailAsync(email) is not null) return ServiceResult<UserSummary>.Conflict($"A user with e-mail '{email}' already exists.");

        var user = new ApplianceUser { UserName = email, Email = email, EmailConfirmed = true, CreatedAt = time.GetUtcNow() };
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var created = await users.CreateAsync(user, password!);
        if (!created.Succeeded) return Identity<UserSummary>(created, "password");
        var added = await users.AddToRoleAsync(user, role!);
        if (!added.Succeeded) return Identity<UserSummary>(added, "role"); // rolled back: no user without a role
        var summary = await SummaryAsync(user);
        await audit.SaveChangesAsync(db, actor, "user.create", email, null, () => summary, ct);
        await transaction.CommitAsync(ct);
        return ServiceResult<UserSummary>.Ok(summary);
    }

    public async Task<ServiceResult<UserSummary>> SetRoleAsync(string userId, string role, string actor, CancellationToken ct = default)
    {
        if (!ApplianceRoles.All.Contains(role)) return ServiceResult<UserSummary>.Invalid("role", $"The role must be one of: {string.Join(", ", ApplianceRoles.All)}.");
        if (await users.FindByIdAsync(userId) is not { } user) return ServiceResult<UserSummary>.NotFound("The user does not exist.");
        var before = await SummaryAsync(user);
        if (before.Role == role) return ServiceResult<UserSummary>.Ok(before);
        if (before.Role == ApplianceRoles.Admin && await IsLastAdminAsync(user)) return ServiceResult<UserSummary>.Conflict("The last administrator cannot lose the Admin role.");

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var current = await users.GetRolesAsync(user);
        var removed = await users.RemoveFromRolesAsync(user, current);
        if (!removed.Succeeded) return Identity<UserSummary>(removed, "role");
        var added = await users.AddToRoleAsync(user, role);
        if (!added.Succeeded) return Identity<UserSummary>(added, "role");
        // A new security stamp makes the user's cookie pick up the new role at its next validation.
        await users.UpdateSecurityStampAsync(user);
        var after = await SummaryAsync(user);
        await audit.SaveChangesAsync(db, actor, "user.role", user.Email ?? userId, before, () => after, ct);
        await transaction.CommitAsync(ct);
        return ServiceResult<UserSummary>.Ok(after);
    }

    public async Task<ServiceResult<UserSummary>> SetLockedAsync(string userId, bool locked, string actor, CancellationToken ct = default)
    {
        if (await users.FindByIdAsync(userId) is not { } user) return ServiceResult<UserSummary>.NotFound("The user does not exist.");
        var before = await SummaryAsync(user);
        if (locked && before.Role == ApplianceRoles.Admin && await IsLastAdminAsync(user)) return ServiceResult<UserSummary>.Conflict("The last administrator cannot be locked.");
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        await users.SetLockoutEnabledAsync(user, true);
        var result = await users.SetLockoutEndDateAsync(user, locked ? DateTimeOffset.MaxValue : null);
        if (!result.Succeeded) return Identity<UserSummary>(result, "lockout");
        if (!locked) await users.ResetAccessFailedCountAsync(user);
        else await users.UpdateSecurityStampAsync(user);
        var after = await SummaryAsync(user);
        await audit.SaveChangesAsync(db, actor, locked ? "user.lock" : "user.unlock", user.Email ?? userId, before, () => after, ct);
        await transaction.CommitAsync(ct);
        return ServiceResult<UserSummary>.Ok(after);
    }

    public async Task<ServiceResult<bool>> DeleteAsync(string userId, string actor, CancellationToken ct = default)
    {
        if (await users.FindByIdAsync(userId) is not { } user) return ServiceResult<bool>.NotFound("The user does not exist.");
        var before = await SummaryAsync(user);
        if (before.Role == ApplianceRoles.Admin && await IsLastAdminAsync(user)) return ServiceResult<bool>.Conflict("The last administrator cannot be deleted.");
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var deleted = await users.DeleteAsync(user);
        if (!deleted.Succeeded) return Identity<bool>(deleted, "user");
        await audit.SaveChangesAsync(db, actor, "user.delete", user.Email ?? userId, before, () => null, ct);
        await transaction.CommitAsync(ct);
        return ServiceResult<bool>.Ok(true);
    }

    private async Task<bool> IsLastAdminAsync(ApplianceUser user)
    {
        var admins = await users.GetUsersInRoleAsync(ApplianceRoles.Admin);
        return admins.Count == 1 && admins[0].Id == user.Id;
    }

    private async Task<UserSummary> SummaryAsync(ApplianceUser user)
    {
        var roles = await users.GetRolesAsync(user);
        var locked = user.LockoutEnd is { } end && end > time.GetUtcNow();
        return new UserSummary(user.Id, user.Email ?? user.UserName ?? user.Id, roles.FirstOrDefault(), locked, user.TwoFactorEnabled, user.CreatedAt);
    }

    private static ServiceResult<T> Identity<T>(IdentityResult result, string field) =>
        ServiceResult<T>.Invalid(field, string.Join(" ", result.Errors.Select(e => e.Description)));
}
