using System.Security.Cryptography;
using Appliance.Mta.Security;
using Appliance.Web.Api;
using Appliance.Web.Api.Contracts;
using Appliance.Web.Data;
using Appliance.Web.Data.Entities;
using Appliance.Web.Engine;
using Microsoft.EntityFrameworkCore;

namespace Appliance.Web.Services;

/// <summary>
/// SMTP AUTH identities of a tenant. Only the SCRAM secret is stored; the password is never audited or shown
/// again. Used by /api/v1/tenants/{id}/smtp-credentials and the Tenants page.
/// </summary>
public sealed class SmtpCredentialService(IDbContextFactory<ApplianceDbContext> dbFactory, EfSmtpCredentialStore store, IAuditLog audit, TimeProvider time)
{
    public const int MinPasswordLength = 8;
    public const int MaxPasswordLength = 1024;
    public const int MaxUsernameLength = 256;
    public const int GeneratedPasswordBytes = 18;
    public static readonly IReadOnlyList<string> Streams = ["transactional", "marketing"];

    /// <summary>
    /// A strong password: 144 random bits as base64url (24 characters, no padding), never starting with '-': command-line
    /// tools take such a value for an option (swaks: "Unknown option"), so one in 64 generated passwords could not be
    /// pasted after <c>--auth-password</c>.
    /// </summary>
    public static string GeneratePassword()
    {
        while (true)
        {
            var password = Convert.ToBase64String(RandomNumberGenerator.GetBytes(GeneratedPasswordBytes)).Replace('+', '-').Replace('/', '_');
            if (password[0] != '-') return password;
        }
    }

    public async Task<ServiceResult<IReadOnlyList<SmtpCredentialResponse>>> ListAsync(string tenantId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (!await db.Tenants.AnyAsync(t => t.Id == tenantId, ct)) return ServiceResult<IReadOnlyList<SmtpCredentialResponse>>.NotFound($"Tenant '{tenantId}' does not exist.");
        var rows = await db.SmtpCredentials.AsNoTracking().Where(c => c.TenantId == tenantId).ToListAsync(ct);
        return ServiceResult<IReadOnlyList<SmtpCredentialResponse>>.Ok(rows.OrderBy(c => c.Username, StringComparer.OrdinalIgnoreCase).Select(ToResponse).ToList());
    }

    /// <summary>Creates a credential; <paramref name="tenantVisible"/> false answers "does not exist" after validation (tenant-scoped API keys).</summary>
    public async Task<ServiceResult<SmtpCredentialResponse>> CreateAsync(
        string tenantId, string? username, string? password, string? stream, string actor, CancellationToken ct = default, bool tenantVisible = true)
    {
        username = username?.Trim() ?? "";
        password ??= "";
        stream = string.IsNullOrWhiteSpace(stream) ? null : stream.Trim().ToLowerInvariant();
        var errors = new FieldErrors();
        if (username.Length == 0) errors.Add("username", "The username is required.");
        else if (username.Length > MaxUsernameLength) errors.Add("username", $"The username must be at most {MaxUsernameLength} characters.");
        // RFC 4616 §2: the PLAIN authcid cannot carry NUL; spaces and controls would not survive AUTH LOGIN either.
        else if (username.Any(c => char.IsControl(c) || char.IsWhiteSpace(c))) errors.Add("username", "The username must not contain spaces or control characters.");
        if (password.Length < MinPasswordLength) errors.Add("password", $"The password must be at least {MinPasswordLength} characters.");
        else if (password.Length > MaxPasswordLength) errors.Add("password", $"The password must be at most {MaxPasswordLength} characters.");
        else if (password.Contains('\0', StringComparison.Ordinal)) errors.Add("password", "The password must not contain NUL.");
        if (stream is not null && !Streams.Contains(stream)) errors.Add("stream", $"The stream must be one of: {string.Join(", ", Streams)}.");
        if (!errors.IsValid) return errors.ToResult<SmtpCredentialResponse>();

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (!tenantVisible || !await db.Tenants.AnyAsync(t => t.Id == tenantId, ct)) return ServiceResult<SmtpCredentialResponse>.NotFound($"Tenant '{tenantId}' does not exist.");
        if (await db.SmtpCredentials.AnyAsync(c => c.Username == username, ct)) return ServiceResult<SmtpCredentialResponse>.Conflict($"The username '{username}' is taken.");

        var entity = new SmtpCredentialEntity
        {
            TenantId = tenantId,
            Username = username,
            Secret = ScramSecret.Create(password).Serialize(),
            Stream = stream,
            CreatedAt = time.GetUtcNow(),
        };
        db.SmtpCredentials.Add(entity);
        try
        {
            await audit.SaveChangesAsync(db, actor, "smtp-credential.create", $"{tenantId}/{username}", null, () => ToResponse(entity), ct);
        }
        catch (DbUpdateException e) when (SqliteErrors.IsUniqueViolation(e))
        {
            return ServiceResult<SmtpCredentialResponse>.Conflict($"The username '{username}' is taken.");
        }
        store.Invalidate(username);
        var response = ToResponse(entity);
        return ServiceResult<SmtpCredentialResponse>.Ok(response);
    }

    public async Task<ServiceResult<bool>> DeleteAsync(string tenantId, string username, string actor, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var existing = await db.SmtpCredentials.AsNoTracking().FirstOrDefaultAsync(c => c.TenantId == tenantId && c.Username == username, ct);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var deleted = await db.SmtpCredentials.Where(c => c.TenantId == tenantId && c.Username == username).ExecuteDeleteAsync(ct);
        if (deleted > 0)
        {
            audit.Add(db, actor, "smtp-credential.delete", $"{tenantId}/{username}", existing is null ? null : ToResponse(existing), null);
            await db.SaveChangesAsync(ct);
        }
        await transaction.CommitAsync(ct);
        store.Invalidate(username);
        if (deleted == 0) return ServiceResult<bool>.NotFound($"Tenant '{tenantId}' has no credential '{username}'.");
        return ServiceResult<bool>.Ok(true);
    }

    public static SmtpCredentialResponse ToResponse(SmtpCredentialEntity c) => new(c.Username, c.TenantId, c.Stream, c.CreatedAt);
}
