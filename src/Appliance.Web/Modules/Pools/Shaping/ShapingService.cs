using System.Globalization;
using System.Text.Json;
using Appliance.Mta.Delivery;
using Appliance.Mta.Shaping;
using Appliance.Web.Data;
using Appliance.Web.Services;
using Microsoft.EntityFrameworkCore;

namespace Appliance.Web.Modules.Pools.Shaping;

/// <summary>
/// Traffic shaping for the API and the page: the shipped provider rules (read-only), admin overrides (stored in
/// ShapingOverrides, validated and applied live with <see cref="TrafficShaper.ReplaceOverrides"/>, audited), every
/// ready queue's effective limits with their origins, and the backoffs in force (clearable).
/// </summary>
public sealed class ShapingService(IDbContextFactory<ApplianceDbContext> dbFactory, TrafficShaper shaper, DeliveryDispatcher dispatcher, IAuditLog audit,
    TimeProvider time, ILogger<ShapingService> logger)
{
    // One host, one gate: a static one would serialise (and couple) every host in a process, as the tests run them.
    private readonly SemaphoreSlim Gate = new(1, 1);
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public ShapingRulesDto Rules()
    {
        var r = shaper.Rules;
        return new(r.Providers.Select(ShapingRuleMapper.ToDto).ToList(), r.Overrides.Select(ShapingRuleMapper.ToDto).ToList(),
            r.GlobalBackoff.Select(ShapingRuleMapper.ToDto).ToList());
    }

    /// <summary>The shipped provider rule names (what a warmup attachment may name as provider).</summary>
    public IReadOnlyList<string> ProviderNames => shaper.Rules.Providers.Select(p => p.Name).ToList();

    public async Task<IReadOnlyList<ShapingRuleDto>> ListOverridesAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return (await db.ShapingOverrides.AsNoTracking().ToListAsync(ct)).OrderBy(o => o.Name, StringComparer.OrdinalIgnoreCase).Select(Parse).ToList();
    }

    /// <summary>Pushes the stored overrides to the shaper (at start); invalid stored ones are logged and skipped as a whole.</summary>
    public async Task ApplyStoredOverridesAsync(CancellationToken ct = default)
    {
        var rules = (await ListOverridesAsync(ct)).Select(d => ShapingRuleMapper.ToRule(d, new FieldErrors())).ToList();
        var errors = shaper.ReplaceOverrides(rules);
        if (errors.Count > 0) PoolsLog.ShapingInvalid(logger, string.Join(" ", errors));
    }

    public async Task<ServiceResult<ShapingRuleDto>> SaveOverrideAsync(string? name, ShapingRuleDto request, bool create, string actor, CancellationToken ct = default)
    {
        request = request with { Name = (create ? request.Name : name)?.Trim() ?? "" };
        var errors = new FieldErrors();
        if (request.Name.Length is 0 or > 100) errors.Add("name", "The name must be 1-100 characters.");
        if (request.Provider is { Length: > 0 } p && !ProviderNames.Contains(p.Trim(), StringComparer.OrdinalIgnoreCase))
            errors.Add("provider", $"No provider rule '{p}'; use one of {string.Join(", ", ProviderNames)}.");
        var rule = ShapingRuleMapper.ToRule(request, errors);
        if (!errors.IsValid) return errors.ToResult<ShapingRuleDto>();
        var dto = ShapingRuleMapper.ToDto(rule);
        await Gate.WaitAsync(ct);
        try
        {
            await using var db = await dbFactory.CreateDbContextAsync(ct);
            var rows = await db.ShapingOverrides.ToListAsync(ct);
            var existing = rows.FirstOrDefault(r => string.Equals(r.Name, rule.Name, StringComparison.OrdinalIgnoreCase));
            if (create && existing is not null) return ServiceResult<ShapingRuleDto>.Conflict($"An override '{rule.Name}' already exists.");
            if (!create && existing is null) return ServiceResult<ShapingRuleDto>.NotFound($"No override '{rule.Name}'.");
            var before = existing is null ? null : Parse(existing);
            var others = rows.Where(r => r != existing).Select(r => ShapingRuleMapper.ToRule(Parse(r), new FieldErrors()));
            var engineErrors = shaper.ReplaceOverrides([.. others, rule]);
            if (engineErrors.Count > 0) return ServiceResult<ShapingRuleDto>.Invalid(new Dictionary<string, string[]> { ["rule"] = [.. engineErrors] });
            existing ??= db.ShapingOverrides.Add(new ShapingOverrideRecord { Name = rule.Name, Json = "" }).Entity;
            existing.Json = JsonSerializer.Serialize(dto, Json);
            existing.UpdatedAt = time.GetUtcNow();
            existing.UpdatedBy = actor;
            await audit.SaveChangesAsync(db, actor, before is null ? "shaping-override.create" : "shaping-override.update", rule.Name, before, () => dto, ct);
            return ServiceResult<ShapingRuleDto>.Ok(dto);
        }
        finally
        {
            Gate.Release();
        }
    }

    public async Task<ServiceResult<bool>> DeleteOverrideAsync(string name, string actor, CancellationToken ct = default)
    {
        await Gate.WaitAsync(ct);
        try
        {
            await using var db = await dbFactory.CreateDbContextAsync(ct);
            var rows = await db.ShapingOverrides.ToListAsync(ct);
            var existing = rows.FirstOrDefault(r => string.Equals(r.Name, name, StringComparison.OrdinalIgnoreCase));
            if (existing is null) return ServiceResult<bool>.NotFound($"No override '{name}'.");
            shaper.ReplaceOverrides(rows.Where(r => r != existing).Select(r => ShapingRuleMapper.ToRule(Parse(r), new FieldErrors())).ToList());
            db.ShapingOverrides.Remove(existing);
            await audit.SaveChangesAsync(db, actor, "shaping-override.delete", existing.Name, Parse(existing), () => null, ct);
            return ServiceResult<bool>.Ok(true);
        }
        finally
        {
            Gate.Release();
        }
    }

    public IReadOnlyList<ActiveBackoffDto> Backoffs() => shaper.Backoff.Active().Select(ToDto).ToList();

    public async Task<ServiceResult<bool>> ClearBackoffAsync(string rule, string key, string actor, CancellationToken ct = default)
    {
        var active = shaper.Backoff.Active().FirstOrDefault(b => b.Rule == rule && b.Key == key);
        if (active is null || !shaper.Backoff.Clear(rule, key)) return ServiceResult<bool>.NotFound($"No backoff '{rule}' in force on '{key}'.");
        // A backoff is engine state in memory, not a row of the database: nothing to share a transaction with.
        await audit.RecordAsync(actor, "shaping-backoff.clear", $"{rule} {key}", ToDto(active), null, ct);
        return ServiceResult<bool>.Ok(true);
    }

    /// <summary>Every ready queue with each effective limit and its origin; a backoff origin carries its trigger and end.</summary>
    public IReadOnlyList<ShapingQueueDto> Queues()
    {
        var result = new List<ShapingQueueDto>();
        foreach (var q in dispatcher.ReadyQueues.OrderBy(q => q.Name, StringComparer.Ordinal))
        {
            var backoffs = shaper.Backoff.For(q.EgressSource, q.Site);
            var limits = new List<EffectiveLimitDto>();
            if (q.Shaping is { } s)
            {
                limits.Add(Limit("maxConnections", s.MaxConnections, backoffs));
                limits.Add(Limit("messagesPerConnection", s.MessagesPerConnection, backoffs));
                var rate = s.MessageRate;
                foreach (var b in backoffs.Where(b => b.Action == BackoffAction.Throttle && b.Rate is not null))
                    rate = s.Throttled(b).MessageRate;
                limits.Add(Limit("messageRate", rate, backoffs));
                limits.Add(Limit("maxRecipientsPerTransaction", s.MaxRecipientsPerTransaction, backoffs));
                limits.Add(Limit("connectTimeout", s.ConnectTimeout, backoffs));
                limits.Add(Limit("greetingTimeout", s.GreetingTimeout, backoffs));
                limits.Add(Limit("dataTimeout", s.DataTimeout, backoffs));
                limits.Add(Limit("retryInterval", s.RetryInterval, backoffs));
            }
            foreach (var b in backoffs.Where(b => b.Action != BackoffAction.Throttle))
                limits.Add(new EffectiveLimitDto("sending", b.Action == BackoffAction.Suspend ? "suspended" : "bouncing", nameof(LimitOrigin.Backoff).ToLowerInvariant(), b.Rule, b.TriggerResponse, b.Until));
            result.Add(new ShapingQueueDto(q.Name, q.EgressSource, q.Site, q.Shaping?.Provider, q.Pending, q.Connections, q.Suspended, q.LastResponse,
                limits, backoffs.Select(ToDto).ToList()));
        }
        return result;
    }

    private static EffectiveLimitDto Limit<T>(string name, EffectiveLimit<T> limit, IReadOnlyList<ActiveBackoff> backoffs)
    {
        var value = limit.Value switch
        {
            null => null,
            TimeSpan t => t.ToString("c", CultureInfo.InvariantCulture),
            var v => Convert.ToString(v, CultureInfo.InvariantCulture),
        };
        var origin = limit.Origin.ToString().ToLowerInvariant();
        if (limit.Origin != LimitOrigin.Backoff) return new EffectiveLimitDto(name, value, origin, limit.Rule);
        var trigger = backoffs.FirstOrDefault(b => b.Rule == limit.Rule);
        return new EffectiveLimitDto(name, value, origin, limit.Rule, trigger?.TriggerResponse, trigger?.Until);
    }

    public static ActiveBackoffDto ToDto(ActiveBackoff b) => new(b.Rule, b.Action.ToString().ToLowerInvariant(), b.Scope.ToString().ToLowerInvariant(), b.Key,
        b.Rate?.ToString(), b.TriggerResponse, b.Matches, b.Since, b.Until);

    private static ShapingRuleDto Parse(ShapingOverrideRecord r) => JsonSerializer.Deserialize<ShapingRuleDto>(r.Json, Json)!;
}
