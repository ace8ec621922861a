using Appliance.Web.Data;
using Appliance.Mta.Bounces.Classification;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Appliance.Web.Modules.BounceRules;

/// <summary>
/// The live rules: the base file (Appliance:BounceRules:File, else the one shipped in the engine) plus the custom rules
/// from the module's table. <see cref="ReloadAsync"/> validates and swaps the rules of the engine's one classifier
/// singleton (the queue gets the same instance by constructor), so every failure event is classified with the current
/// rules. Loaded by a start-up step, after the database is migrated and before the engine starts.
/// </summary>
public sealed class BounceRulesRuntime(BounceClassifier classifier, IDbContextFactory<ApplianceDbContext> dbFactory,
    IOptions<BounceRulesOptions> options, ILogger<BounceRulesRuntime> logger)
{
    private readonly Lazy<BounceRulesDocument> _base = new(() => options.Value.File is { Length: > 0 } path
        ? BounceRuleSet.Parse(File.ReadAllText(path))
        : BounceRuleSet.ShippedRules);

    public BounceClassifier Classifier => classifier;

    /// <summary>The base rules file (not editable in the UI).</summary>
    public BounceRulesDocument Base => _base.Value;

    /// <summary>Compiles base + custom rules (throws <see cref="BounceRuleValidationException"/>) without applying them.</summary>
    public BounceRuleSet Compile(IEnumerable<BounceRuleDefinition> custom) => BounceRuleSet.Compile(Base, custom);

    public async Task ReloadAsync(CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var rows = await db.Rules.AsNoTracking().ToListAsync(cancellationToken);
        var set = Compile(Ordered(rows).Select(ToDefinition));
        classifier.Reload(set);
        BounceRulesLog.Loaded(logger, set.Rules.Count, rows.Count);
    }

    public static IEnumerable<BounceRuleRecord> Ordered(IEnumerable<BounceRuleRecord> rows) =>
        rows.OrderBy(r => r.Position).ThenBy(r => r.Id, StringComparer.Ordinal);

    public static BounceRuleDefinition ToDefinition(BounceRuleRecord r) => new()
    {
        Id = r.Id, Provider = r.Provider, Pattern = r.Pattern, Status = r.Status, Category = r.Category, Hard = r.Hard, Description = r.Description,
    };
}
