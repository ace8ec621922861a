using Appliance.Mta.Dkim;
using Appliance.Web.Data;
using Appliance.Web.Engine;
using Appliance.Web.Modules.Domains.Contracts;
using Appliance.Web.Modules.Domains.Entities;
using Appliance.Web.Services;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Appliance.Web.Modules.Domains.Services;

/// <summary>
/// Sending domains of tenants: list, add (with its first keys), change settings, delete; the tenants' From-domain
/// enforcement. Used by the API and the Domains pages; every change is audited and the signer's snapshot reloaded.
/// </summary>
public sealed class DomainService(
    IDbContextFactory<ApplianceDbContext> dbFactory,
    EfTenantDirectory tenants,
    DkimKeyFactory keyFactory,
    DomainKeySnapshot snapshot,
    IAuditLog audit,
    TimeProvider time,
    IOptions<DkimOptions> options)
{
    public const string DefaultReturnPathPrefix = "bounces.";

    /// <summary>Domains of one tenant, or of every tenant when <paramref name="tenantId"/> is null.</summary>
    public async Task<IReadOnlyList<DomainResponse>> ListAsync(string? tenantId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var domains = await db.Domains.AsNoTracking().Include(d => d.Keys)
            .Where(d => tenantId == null || d.TenantId == tenantId).ToListAsync(ct);
        var latest = await LatestRunsAsync(db, domains.Select(d => d.Id).ToList(), ct);
        return domains.OrderBy(d => d.Name, StringComparer.Ordinal)
            .Select(d => DomainMapper.ToResponse(d, latest.GetValueOrDefault(d.Id))).ToList();
    }

    public async Task<DomainResponse?> GetAsync(string name, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var key = DomainNames.Normalize(name) ?? name;
        var d = await db.Domains.AsNoTracking().Include(x => x.Keys).FirstOrDefaultAsync(x => x.Name == key, ct);
        if (d is null) return null;
        var latest = await LatestRunsAsync(db, [d.Id], ct);
        return DomainMapper.ToResponse(d, latest.GetValueOrDefault(d.Id));
    }

    public async Task<ServiceResult<DomainResponse>> CreateAsync(string tenantId, CreateDomainRequest request, string actor, CancellationToken ct = default)
    {
        if (!tenants.Exists(tenantId)) return ServiceResult<DomainResponse>.NotFound($"Tenant '{tenantId}' does not exist.");
        var errors = new FieldErrors();
        var name = DomainNames.Normalize(request.Name);
        if (name is null) errors.Add("name", "The name must be a domain name such as mail.example.com (letters, digits and hyphens, at least two labels).");
        if (!DomainMapper.TryParseAlgorithm(request.Algorithm, out var algorithm)) errors.Add("algorithm", "The algorithm must be one of: rsa, ed25519, dual.");
        var returnPath = string.IsNullOrWhiteSpace(request.ReturnPathDomain) ? (name is null ? null : DomainNames.Normalize(DefaultReturnPathPrefix + name)) : DomainNames.Normalize(request.ReturnPathDomain);
        if (returnPath is null && name is not null) errors.Add("returnPathDomain", "The return-path domain must be a domain name.");
        if (!errors.IsValid) return errors.ToResult<DomainResponse>();

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (await db.Domains.AnyAsync(d => d.Name == name, ct)) return ServiceResult<DomainResponse>.Conflict($"The domain '{name}' is already a sending domain.");
        var now = time.GetUtcNow();
        var domain = new SendingDomain
        {
            Name = name!, TenantId = tenantId, Algorithm = algorithm, ReturnPathDomain = returnPath!, CreatedAt = now,
            NextRotationAt = now + options.Value.RotationInterval,
        };
        // The first keys sign at once: until their record is published, verifiers treat the mail as unsigned.
        domain.Keys.AddRange(keyFactory.Create(algorithm, [], DkimKeyStatus.Active, now));
        db.Domains.Add(domain);
        try
        {
            await audit.SaveChangesAsync(db, actor, "domain.create", name!, null, () => AuditView(DomainMapper.ToResponse(domain, null)), ct);
        }
        catch (DbUpdateException e) when (Appliance.Web.Api.SqliteErrors.IsUniqueViolation(e))
        {
            return ServiceResult<DomainResponse>.Conflict($"The domain '{name}' is already a sending domain.");
        }
        await snapshot.ReloadAsync(ct);
        var response = DomainMapper.ToResponse(domain, null);
        return ServiceResult<DomainResponse>.Ok(response);
    }

    public async Task<ServiceResult<DomainResponse>> UpdateAsync(string name, UpdateDomainRequest request, string actor, CancellationToken ct = default)
    {
        var errors = new FieldErrors();
        var returnPath = request.ReturnPathDomain is null ? null : DomainNames.Normalize(request.ReturnPathDomain);
        if (request.ReturnPathDomain is not null && returnPath is null) errors.Add("returnPathDomain", "The return-path domain must be a domain name.");
        DkimAlgorithmChoice? algorithm = null;
        if (request.Algorithm is not null)
        {
            if (DomainMapper.TryParseAlgorithm(request.Algorithm, out var a)) algorithm = a;
            else errors.Add("algorithm", "The algorithm must be one of: rsa, ed25519, dual.");
        }
        if (!errors.IsValid) return errors.ToResult<DomainResponse>();

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var key = DomainNames.Normalize(name) ?? name;
        var d = await db.Domains.Include(x => x.Keys).FirstOrDefaultAsync(x => x.Name == key, ct);
        if (d is null) return ServiceResult<DomainResponse>.NotFound($"Sending domain '{name}' does not exist.");
        var before = new { d.ReturnPathDomain, Algorithm = DomainMapper.AlgorithmName(d.Algorithm) };
        if (returnPath is not null) d.ReturnPathDomain = returnPath;
        if (algorithm is { } alg) d.Algorithm = alg; // takes effect with the next rotation's keys
        await audit.SaveChangesAsync(db, actor, "domain.update", d.Name, before, () => new { d.ReturnPathDomain, Algorithm = DomainMapper.AlgorithmName(d.Algorithm) }, ct);
        await snapshot.ReloadAsync(ct);
        return ServiceResult<DomainResponse>.Ok(DomainMapper.ToResponse(d, null));
    }

    public async Task<ServiceResult<bool>> DeleteAsync(string name, string actor, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var key = DomainNames.Normalize(name) ?? name;
        var d = await db.Domains.Include(x => x.Keys).FirstOrDefaultAsync(x => x.Name == key, ct);
        if (d is null) return ServiceResult<bool>.NotFound($"Sending domain '{name}' does not exist.");
        var before = AuditView(DomainMapper.ToResponse(d, null));
        db.Domains.Remove(d);
        await audit.SaveChangesAsync(db, actor, "domain.delete", d.Name, before, () => null, ct);
        await snapshot.ReloadAsync(ct);
        return ServiceResult<bool>.Ok(true);
    }

    public async Task<SendingPolicyResponse> GetPolicyAsync(string tenantId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var row = await db.TenantPolicies.AsNoTracking().FirstOrDefaultAsync(p => p.TenantId == tenantId, ct);
        return new SendingPolicyResponse(tenantId, DomainMapper.EnforcementName(row?.Enforcement ?? FromDomainEnforcement.SignOwnOnly));
    }

    public async Task<ServiceResult<SendingPolicyResponse>> SetPolicyAsync(string tenantId, string? enforcement, string actor, CancellationToken ct = default)
    {
        if (!tenants.Exists(tenantId)) return ServiceResult<SendingPolicyResponse>.NotFound($"Tenant '{tenantId}' does not exist.");
        if (!DomainMapper.TryParseEnforcement(enforcement, out var value))
            return ServiceResult<SendingPolicyResponse>.Invalid("enforcement", "The enforcement must be one of: reject, signOwnOnly, off.");
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var row = await db.TenantPolicies.FirstOrDefaultAsync(p => p.TenantId == tenantId, ct);
        var before = new SendingPolicyResponse(tenantId, DomainMapper.EnforcementName(row?.Enforcement ?? FromDomainEnforcement.SignOwnOnly));
        row ??= db.TenantPolicies.Add(new TenantSendingPolicy { TenantId = tenantId }).Entity;
        row.Enforcement = value;
        var after = new SendingPolicyResponse(tenantId, DomainMapper.EnforcementName(value));
        await audit.SaveChangesAsync(db, actor, "tenant.sending-policy", tenantId, before, () => after, ct);
        await snapshot.ReloadAsync(ct);
        return ServiceResult<SendingPolicyResponse>.Ok(after);
    }

    private static async Task<Dictionary<int, DomainCheckRun>> LatestRunsAsync(ApplianceDbContext db, List<int> ids, CancellationToken ct)
    {
        // Ids grow with time, so the highest id per domain is its latest run.
        var runs = await db.CheckRuns.AsNoTracking()
            .Where(r => ids.Contains(r.SendingDomainId) && r.Id == db.Set<DomainCheckRun>().Where(x => x.SendingDomainId == r.SendingDomainId).Max(x => x.Id))
            .ToListAsync(ct);
        return runs.ToDictionary(r => r.SendingDomainId);
    }

    /// <summary>What the audit log keeps of a domain: never key material beyond the public records.</summary>
    private static object AuditView(DomainResponse d) =>
        new { d.Name, d.TenantId, d.Algorithm, d.ReturnPathDomain, Selectors = d.Selectors.Select(s => s.Selector).ToList() };
}
