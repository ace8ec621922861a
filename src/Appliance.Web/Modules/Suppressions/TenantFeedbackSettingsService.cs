using Appliance.Mta.Suppression;
using Appliance.Web.Api;
using Appliance.Web.Data;
using Appliance.Web.Modules.Domains;
using Appliance.Web.Services;
using Microsoft.EntityFrameworkCore;

namespace Appliance.Web.Modules.Suppressions;

/// <summary>
/// Reads and changes a tenant's suppression action, return-path domain and one-click unsubscribe; audited. A return-path
/// domain must pass <see cref="ReturnPathDomainRules"/>; the appliance answers for it at RCPT only once
/// <see cref="TenantReturnPathVerifier"/> has seen its MX point at the appliance.
/// </summary>
public sealed class TenantFeedbackSettingsService(IDbContextFactory<ApplianceDbContext> dbFactory, IDbContextFactory<ApplianceDbContext> coreFactory,
    TenantFeedbackSettingsCache cache, IAuditLog audit, TenantReturnPathVerifier verifier, IDbContextFactory<ApplianceDbContext> domainsDb)
{
    public async Task<ServiceResult<TenantFeedbackSettingsDto>> GetAsync(string tenantId, CancellationToken ct = default)
    {
        if (!await TenantExistsAsync(tenantId, ct)) return ServiceResult<TenantFeedbackSettingsDto>.NotFound($"Tenant '{tenantId}' does not exist.");
        return ServiceResult<TenantFeedbackSettingsDto>.Ok(ToDto(cache.For(tenantId)));
    }

    public async Task<ServiceResult<TenantFeedbackSettingsDto>> UpdateAsync(string tenantId, TenantFeedbackSettingsDto request, string actor, CancellationToken ct = default)
    {
        if (!await TenantExistsAsync(tenantId, ct)) return ServiceResult<TenantFeedbackSettingsDto>.NotFound($"Tenant '{tenantId}' does not exist.");
        var errors = new FieldErrors();
        var action = SuppressedRecipientAction.Reject;
        if (request.Action is not null && !SuppressionNames.TryParse(request.Action, out action)) errors.Add("action", "The action must be reject or drop.");
        string? domain = null;
        if (!string.IsNullOrWhiteSpace(request.ReturnPathDomain))
        {
            domain = AddressNormalizer.NormalizeDomain(request.ReturnPathDomain);
            if (domain is null || !DomainSyntax.IsValidDomain(domain)) errors.Add("returnPathDomain", "The return-path domain must be a valid domain name.");
            else if (ReturnPathDomainRules.Check(domain, tenantId, await TenantReturnPathVerifier.SendingDomainsAsync(domainsDb, ct), cache.AllReturnPathDomains) is { } refusal)
                errors.Add("returnPathDomain", refusal);
        }
        if (!errors.IsValid) return errors.ToResult<TenantFeedbackSettingsDto>();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var row = await db.TenantFeedbackSettings.FirstOrDefaultAsync(r => r.TenantId == tenantId, ct);
        var before = ToDto(row?.ToSettings() ?? TenantFeedbackSettings.Default);
        row ??= db.TenantFeedbackSettings.Add(new TenantFeedbackSettingsRecord { TenantId = tenantId }).Entity;
        row.Action = action;
        row.ReturnPathDomain = domain;
        row.OneClickUnsubscribe = request.OneClickUnsubscribe;
        await audit.SaveChangesAsync(db, actor, "tenant.feedback-settings", tenantId, before, () => ToDto(row.ToSettings()), ct);
        await cache.ReloadAsync(ct);
        await verifier.VerifyAsync(ct);
        var after = ToDto(row.ToSettings());
        return ServiceResult<TenantFeedbackSettingsDto>.Ok(after);
    }

    private async Task<bool> TenantExistsAsync(string tenantId, CancellationToken ct)
    {
        await using var db = await coreFactory.CreateDbContextAsync(ct);
        return await db.Tenants.AnyAsync(t => t.Id == tenantId, ct);
    }

    private TenantFeedbackSettingsDto ToDto(TenantFeedbackSettings s) => new(SuppressionNames.Of(s.Action), s.ReturnPathDomain, s.OneClickUnsubscribe)
    {
        ReturnPathDomainVerified = s.ReturnPathDomain is null ? null : cache.IsVerified(s.ReturnPathDomain),
    };
}
