using Appliance.Mta.Bounces.Classification;
using Appliance.Mta.Events;
using Appliance.Web.Data;
using Appliance.Web.Services;
using Microsoft.EntityFrameworkCore;

namespace Appliance.Web.Modules.BounceRules;

/// <summary>
/// Custom bounce rules for the API and the page: list (custom then shipped), create, update, delete (each validated
/// against the whole rule set, audited, and applied live), a dry run over recent failure responses, and the most
/// frequent recent responses no rule classifies.
/// </summary>
public sealed class BounceRulesService(IDbContextFactory<ApplianceDbContext> dbFactory, BounceRulesRuntime runtime,
    MessageSearchService search, IAuditLog audit, TimeProvider time)
{
    /// <summary>How many recent failure events the test and the Uncategorized view read.</summary>
    public const int RecentLimit = 2000;

    private static readonly IReadOnlySet<MtaEventType> Failures =
        new HashSet<MtaEventType> { MtaEventType.TransientFailure, MtaEventType.Bounce, MtaEventType.Expiration, MtaEventType.Oob };

    public async Task<IReadOnlyList<BounceRuleDto>> ListAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var custom = BounceRulesRuntime.Ordered(await db.Rules.AsNoTracking().ToListAsync(ct))
            .Select(r => new BounceRuleDto(r.Id, "custom", r.Position, r.Provider, r.Pattern, r.Status, r.Category, r.Hard, r.Description));
        var shipped = runtime.Base.Rules.Select(r => new BounceRuleDto(r.Id, "shipped", null, r.Provider, r.Pattern, r.Status, r.Category, r.Hard, r.Description));
        return [.. custom, .. shipped];
    }

    public async Task<ServiceResult<BounceRuleDto>> SaveAsync(string id, BounceRuleRequest request, bool create, string actor, CancellationToken ct = default)
    {
        var definition = Definition(id, request);
        if (Validate(definition) is { } invalid) return invalid;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var existing = await db.Rules.FirstOrDefaultAsync(r => r.Id == definition.Id, ct);
        if (create && existing is not null) return ServiceResult<BounceRuleDto>.Conflict($"A custom rule '{definition.Id}' already exists.");
        if (!create && existing is null) return ServiceResult<BounceRuleDto>.NotFound($"No custom rule '{definition.Id}'.");
        var rows = await db.Rules.AsNoTracking().Where(r => r.Id != definition.Id).ToListAsync(ct);
        var record = existing ?? db.Rules.Add(new BounceRuleRecord { Id = definition.Id, Pattern = definition.Pattern, Category = definition.Category }).Entity;
        var before = existing is null ? null : ToDto(existing);
        record.Pattern = definition.Pattern;
        record.Category = definition.Category;
        record.Status = definition.Status;
        record.Hard = definition.Hard;
        record.Provider = definition.Provider;
        record.Description = definition.Description;
        record.Position = request.Position ?? existing?.Position ?? (rows.Count == 0 ? 0 : rows.Max(r => r.Position) + 1);
        record.UpdatedAt = time.GetUtcNow();
        record.UpdatedBy = actor;
        try
        {
            // The whole set must still validate (ids unique against the shipped file too) before anything is stored.
            runtime.Compile(BounceRulesRuntime.Ordered([.. rows, record]).Select(BounceRulesRuntime.ToDefinition));
        }
        catch (BounceRuleValidationException ex)
        {
            return ServiceResult<BounceRuleDto>.Invalid("rule", string.Join(" ", ex.Errors));
        }
        await audit.SaveChangesAsync(db, actor, create ? "bounce-rule.create" : "bounce-rule.update", definition.Id, before, () => ToDto(record), ct);
        await runtime.ReloadAsync(ct);
        var after = ToDto(record);
        return ServiceResult<BounceRuleDto>.Ok(after);
    }

    public async Task<ServiceResult<bool>> DeleteAsync(string id, string actor, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var existing = await db.Rules.FirstOrDefaultAsync(r => r.Id == id, ct);
        if (existing is null) return ServiceResult<bool>.NotFound($"No custom rule '{id}'.");
        db.Rules.Remove(existing);
        await audit.SaveChangesAsync(db, actor, "bounce-rule.delete", id, ToDto(existing), () => null, ct);
        await runtime.ReloadAsync(ct);
        return ServiceResult<bool>.Ok(true);
    }

    /// <summary>Classifies one pasted reply with the rules in force (custom then shipped).</summary>
    public ResponseClassification Classify(string response) => ResponseClassification.Of(runtime.Classifier, response);

    /// <summary>Runs a candidate rule (not saved) over the recent failure responses of the event log.</summary>
    public async Task<ServiceResult<BounceRuleTestResult>> TestAsync(BounceRuleRequest request, string? tenant, CancellationToken ct = default)
    {
        var definition = Definition("candidate", request);
        if (BounceRuleSet.Validate(definition) is { Count: > 0 } errors) return ServiceResult<BounceRuleTestResult>.Invalid("rule", string.Join(" ", errors));
        var compiled = BounceRuleSet.Compile(BounceRuleSet.ShippedRules with { Rules = [] }, [definition]).Rules[0];
        var events = await RecentFailuresAsync(tenant, ct);
        var matches = new List<BounceRuleTestMatch>();
        foreach (var e in events)
        {
            if (e.Response is null || !compiled.Matches(e.EnhancedCode, $"{e.Code} {e.EnhancedCode} {e.Response}")) continue;
            var current = runtime.Classifier.Classify(e.Code, e.EnhancedCode, e.Response, out var rule);
            matches.Add(new BounceRuleTestMatch(e.Timestamp, e.Recipient, e.Response, current.Category.ToString(), rule));
        }
        return ServiceResult<BounceRuleTestResult>.Ok(new BounceRuleTestResult(events.Count, matches.Count, [.. matches.Take(100)]));
    }

    /// <summary>The most frequent recent failure responses the current rules leave Uncategorized, digits masked.</summary>
    public async Task<IReadOnlyList<UncategorizedResponse>> UncategorizedAsync(string? tenant, int top, CancellationToken ct = default)
    {
        var events = await RecentFailuresAsync(tenant, ct);
        return [.. events
            .Where(e => e.Response is not null && e.Type != MtaEventType.Expiration
                && runtime.Classifier.Classify(e.Code, e.EnhancedCode, e.Response).Category == BounceCategory.Uncategorized)
            .GroupBy(e => ResponseGroups.Mask(e.Response!))
            .Select(g => new UncategorizedResponse(g.Key, g.Count(), g.First().Response!, g.Max(e => e.Timestamp)))
            .OrderByDescending(g => g.Count).ThenByDescending(g => g.LastSeen)
            .Take(Math.Clamp(top, 1, 200))];
    }

    private async Task<IReadOnlyList<MtaEvent>> RecentFailuresAsync(string? tenant, CancellationToken ct) =>
        (await search.SearchAsync(new EventQuery { Types = Failures, Tenant = tenant }, 0, RecentLimit, ct)).Events;

    private static ServiceResult<BounceRuleDto>? Validate(BounceRuleDefinition definition)
    {
        var errors = new FieldErrors();
        if (definition.Id.Length is 0 or > 100 || definition.Id.Any(c => !(char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.')))
            errors.Add("id", "The id must be 1-100 letters, digits, '-', '_' or '.'.");
        foreach (var error in BounceRuleSet.Validate(definition)) errors.Add("rule", error);
        return errors.IsValid ? null : errors.ToResult<BounceRuleDto>();
    }

    private static BounceRuleDefinition Definition(string id, BounceRuleRequest r) => new()
    {
        Id = id.Trim(), Pattern = r.Pattern ?? "", Category = r.Category ?? "", Status = string.IsNullOrWhiteSpace(r.Status) ? null : r.Status,
        Hard = r.Hard, Provider = r.Provider, Description = r.Description,
    };

    private static BounceRuleDto ToDto(BounceRuleRecord r) => new(r.Id, "custom", r.Position, r.Provider, r.Pattern, r.Status, r.Category, r.Hard, r.Description);
}
