using System.Buffers;
using System.ComponentModel.DataAnnotations;
using Appliance.Mta.Configuration;
using Appliance.Mta.Messages;
using Appliance.Mta.Suppression;
using Appliance.Web.Data;
using Appliance.Web.Security;
using Appliance.Web.Security.Scope;
using Appliance.Web.Services;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Appliance.Web.Modules.TenantUsers;

/// <summary>
/// Users of one tenant (TenantAdmin, TenantViewer) and their invitations, for the API and the tenant's Users page.
/// The caller's <see cref="ICallerScope"/> decides which tenant it may touch: another tenant's id answers "not found",
/// exactly like a tenant that does not exist. Invitations are mailed through the appliance's own queue
/// (<see cref="IMessageSink"/>, like DSNs and alert digests); every change is audited in its own transaction.
/// </summary>
public sealed class TenantUserService(
    ApplianceDbContext db,
    UserManager<ApplianceUser> users,
    ICallerScope callerScope,
    IAuditLog audit,
    IMessageSink sink,
    IOptions<InvitationOptions> options,
    IOptions<SuppressionOptions> suppressionOptions,
    IOptions<MtaOptions> mta,
    TimeProvider time,
    ILogger<TenantUserService> logger)
{
    public async Task<ServiceResult<TenantUsersView>> ListAsync(string tenantId, CancellationToken ct = default)
    {
        if (await VisibleTenantAsync(tenantId, ct) is not { } tenant) return ServiceResult<TenantUsersView>.NotFound(Missing(tenantId));
        var members = await db.Users.AsNoTracking().Where(u => u.TenantId == tenantId).ToListAsync(ct);
        var summaries = new List<TenantUserSummary>();
        foreach (var user in members.OrderBy(u => u.Email, StringComparer.OrdinalIgnoreCase)) summaries.Add(await SummaryAsync(user));
        var now = time.GetUtcNow();
        var open = (await db.Set<TenantInvitation>().AsNoTracking().Where(i => i.TenantId == tenantId && i.AcceptedAt == null).ToListAsync(ct))
            .Where(i => i.ExpiresAt > now).OrderBy(i => i.Email, StringComparer.OrdinalIgnoreCase).Select(ToSummary).ToList();
        return ServiceResult<TenantUsersView>.Ok(new TenantUsersView(tenant.Id, tenant.Name, summaries, open));
    }

    /// <summary>Creates a one-time link for <paramref name="email"/> and mails it; the token exists only in the mail.</summary>
    public async Task<ServiceResult<TenantInvitationSummary>> InviteAsync(string tenantId, string? email, string? role, string actor, CancellationToken ct = default)
    {
        if (await VisibleTenantAsync(tenantId, ct) is not { } tenant) return ServiceResult<TenantInvitationSummary>.NotFound(Missing(tenantId));
        email = email?.Trim() ?? "";
        var errors = new FieldErrors();
        if (email.Length == 0 || email.Length > 256 || !new EmailAddressAttribute().IsValid(email) || !MailboxAddressValid(email))
            errors.Add("email", "Enter a valid e-mail address.");
        if (role is null || !ApplianceRoles.Tenant.Contains(role)) errors.Add("role", $"The role must be one of: {string.Join(", ", ApplianceRoles.Tenant)}.");
        var publicBase = (options.Value.PublicBaseUrl ?? suppressionOptions.Value.PublicBaseUrl)?.Trim();
        if (string.IsNullOrEmpty(publicBase) || !Uri.TryCreate(publicBase, UriKind.Absolute, out var baseUri) || baseUri.Scheme is not ("https" or "http"))
            errors.Add("email", $"Invitations need the panel's public address: set {InvitationOptions.Section}:PublicBaseUrl (e.g. https://mail.example.com).");
        if (!errors.IsValid) return errors.ToResult<TenantInvitationSummary>();
        if (await users.FindByEmailAsync(email) is not null) return ServiceResult<TenantInvitationSummary>.Conflict($"A user with e-mail '{email}' already exists.");

        var now = time.GetUtcNow();
        var token = InvitationLinks.NewToken();
        var invitation = new TenantInvitation
        {
            TenantId = tenant.Id,
            Email = email,
            Role = role!,
            TokenHash = InvitationLinks.Hash(token),
            CreatedAt = now,
            ExpiresAt = now + options.Value.Lifetime,
            InvitedBy = actor,
        };
        db.Set<TenantInvitation>().Add(invitation);
        await audit.SaveChangesAsync(db, actor, "tenant.user.invite", $"{tenant.Id}/{email}", null, () => ToSummary(invitation), ct);

        var host = mta.Value.Hostname;
        var from = string.IsNullOrWhiteSpace(options.Value.From) ? "appliance-invitations@" + host : options.Value.From.Trim();
        var bytes = InvitationMail.Compose(from, email, tenant.Name, role!, InvitationLinks.Url(publicBase!, token), invitation.ExpiresAt, host, now);
        var envelope = new MessageEnvelope
        {
            MailFrom = from,
            Recipients = [new EnvelopeRecipient(email)],
            TenantId = mta.Value.DefaultTenant,
            ReceivedAt = now,
            ClientAddress = "127.0.0.1",
            AuthUser = "system:invitation",
            SystemGenerated = true,
        };
        var reply = await sink.AcceptAsync(envelope, new ReadOnlySequence<byte>(bytes), ct);
        if (!reply.IsPositive)
        {
            // A link nobody received must not stay valid: withdraw it, and say why.
            TenantUsersLog.MailRefused(logger, email, reply.ToString());
            db.Set<TenantInvitation>().Remove(invitation);
            await audit.SaveChangesAsync(db, actor, "tenant.user.invite.withdraw", $"{tenant.Id}/{email}", ToSummary(invitation), () => null, ct);
            return ServiceResult<TenantInvitationSummary>.Conflict($"The queue refused the invitation mail ({reply}); nothing was sent.");
        }
        TenantUsersLog.Invited(logger, email, role!, tenant.Id, invitation.ExpiresAt);
        return ServiceResult<TenantInvitationSummary>.Ok(ToSummary(invitation));
    }

    /// <summary>The open invitation of a link (for the accept page), or null when it is unknown, used or expired.</summary>
    public async Task<TenantInvitationSummary?> FindOpenAsync(string? token, CancellationToken ct = default)
    {
        if (string.IsNullOrEmpty(token) || token.Length > 100) return null;
        var hash = InvitationLinks.Hash(token);
        var invitation = await db.Set<TenantInvitation>().AsNoTracking().FirstOrDefaultAsync(i => i.TokenHash == hash && i.AcceptedAt == null, ct);
        return invitation is null || invitation.ExpiresAt <= time.GetUtcNow() ? null : ToSummary(invitation);
    }

    /// <summary>
    /// Uses the link once: creates the tenant user with <paramref name="password"/>, marks the invitation used and
    /// audits it, all in one transaction. An unknown, used or expired link is "not found".
    /// </summary>
    public async Task<ServiceResult<ApplianceUser>> AcceptAsync(string? token, string? password, CancellationToken ct = default)
    {
        if (string.IsNullOrEmpty(password)) return ServiceResult<ApplianceUser>.Invalid("password", "Enter a password.");
        if (string.IsNullOrEmpty(token) || token.Length > 100) return ServiceResult<ApplianceUser>.NotFound(Expired);
        var hash = InvitationLinks.Hash(token);
        var now = time.GetUtcNow();
        var strategy = db.Database.CreateExecutionStrategy();
        return await strategy.ExecuteAsync(async () =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            var invitation = await db.Set<TenantInvitation>().FirstOrDefaultAsync(i => i.TokenHash == hash && i.AcceptedAt == null, ct);
            if (invitation is null || invitation.ExpiresAt <= now) return ServiceResult<ApplianceUser>.NotFound(Expired);
            // Single use, also against a second accept racing this one: only one UPDATE finds the row still open.
            var claimed = await db.Set<TenantInvitation>().Where(i => i.Id == invitation.Id && i.AcceptedAt == null)
                .ExecuteUpdateAsync(s => s.SetProperty(i => i.AcceptedAt, now), ct);
            if (claimed != 1) return ServiceResult<ApplianceUser>.NotFound(Expired);
            invitation.AcceptedAt = now;
            db.Entry(invitation).State = EntityState.Unchanged;

            var user = new ApplianceUser { UserName = invitation.Email, Email = invitation.Email, EmailConfirmed = true, CreatedAt = now, TenantId = invitation.TenantId };
            var created = await users.CreateAsync(user, password);
            if (!created.Succeeded) return Identity(created);
            var added = await users.AddToRoleAsync(user, invitation.Role);
            if (!added.Succeeded) return Identity(added);
            var summary = await SummaryAsync(user);
            await audit.SaveChangesAsync(db, "user:" + invitation.Email, "tenant.user.accept", $"{invitation.TenantId}/{invitation.Email}", ToSummary(invitation), () => summary, ct);
            await transaction.CommitAsync(ct);
            TenantUsersLog.Accepted(logger, invitation.Email, invitation.TenantId);
            return ServiceResult<ApplianceUser>.Ok(user);
        });
    }

    /// <summary>Deletes a user of the tenant (a user of another tenant, or a global user, is "not found").</summary>
    public async Task<ServiceResult<bool>> RemoveAsync(string tenantId, string userId, string actor, CancellationToken ct = default)
    {
        if (await VisibleTenantAsync(tenantId, ct) is null) return ServiceResult<bool>.NotFound(Missing(tenantId));
        var user = await users.FindByIdAsync(userId);
        if (user is null || user.TenantId != tenantId) return ServiceResult<bool>.NotFound($"Tenant '{tenantId}' has no user '{userId}'.");
        var before = await SummaryAsync(user);
        var deleted = await users.DeleteAsync(user);
        if (!deleted.Succeeded) return ServiceResult<bool>.Conflict(string.Join(" ", deleted.Errors.Select(e => e.Description)));
        await audit.RecordAsync(actor, "tenant.user.delete", $"{tenantId}/{before.Email}", before, null, ct);
        return ServiceResult<bool>.Ok(true);
    }

    private const string Expired = "This invitation link is unknown, already used or expired. Ask for a new invitation.";

    private static string Missing(string tenantId) => $"Tenant '{tenantId}' does not exist.";

    /// <summary>The tenant when it exists and the caller's scope includes it; null otherwise (the same answer for both).</summary>
    private async Task<Data.Entities.Tenant?> VisibleTenantAsync(string tenantId, CancellationToken ct)
    {
        var scope = await callerScope.GetAsync();
        if (!scope.CanSee(tenantId)) return null;
        return await db.Tenants.AsNoTracking().FirstOrDefaultAsync(t => t.Id == tenantId, ct);
    }

    private async Task<TenantUserSummary> SummaryAsync(ApplianceUser user)
    {
        var roles = await users.GetRolesAsync(user);
        var locked = user.LockoutEnd is { } end && end > time.GetUtcNow();
        return new TenantUserSummary(user.Id, user.Email ?? user.UserName ?? user.Id, roles.FirstOrDefault(), locked, user.TwoFactorEnabled, user.CreatedAt);
    }

    private static bool MailboxAddressValid(string email) => MimeKit.MailboxAddress.TryParse(email, out var parsed) && parsed.Address == email;

    private static TenantInvitationSummary ToSummary(TenantInvitation i) => new(i.Id, i.TenantId, i.Email, i.Role, i.ExpiresAt, i.AcceptedAt);

    private static ServiceResult<ApplianceUser> Identity(IdentityResult result) =>
        ServiceResult<ApplianceUser>.Invalid("password", string.Join(" ", result.Errors.Select(e => e.Description)));
}
