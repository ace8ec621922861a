using Appliance.Mta.Configuration;
using Appliance.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace Appliance.Web.Services.EngineSettings;

/// <summary>
/// Engine settings changed at run time. A change is parsed into a new snapshot of <see cref="MtaOptions"/>, validated
/// as a whole by the engine's rules (nothing is applied when one value is wrong, and every bad key is named), published
/// atomically through <see cref="MtaSettings"/> (the engine and its listeners see the new snapshot at once), then
/// stored in the Settings table and audited. Stored values win over configuration; they are published at start by the
/// database initializer, before the engine starts.
/// </summary>
public sealed partial class EngineSettingsService(SettingsService settings, IDbContextFactory<ApplianceDbContext> dbFactory, MtaSettings mta, IAuditLog audit,
    ILogger<EngineSettingsService> logger)
{
    private readonly SemaphoreSlim _gate = new(1, 1);

    /// <summary>Publishes the stored values over configuration; a stored value the rules refuse is logged and skipped.</summary>
    public async Task ApplyStoredAsync(CancellationToken cancellationToken)
    {
        var stored = new List<(EngineSettingDefinition Definition, string Value)>();
        foreach (var definition in EngineSettingsCatalog.All)
        {
            if (await settings.GetAsync(definition.StorageKey, cancellationToken) is not { } value) continue;
            if (definition.Parse(mta.Current, value).Error is { } error) LogStoredInvalid(logger, definition.Key, value, error);
            else stored.Add((definition, value));
        }
        // Usually the stored values are valid together (they were checked together when set): publish them at once.
        var all = stored.Aggregate(mta.Current, (o, s) => s.Definition.Parse(o, s.Value).Options!);
        if (mta.TryPublish(_ => all).Count == 0) return;

        // Otherwise (the configuration changed under them, or a row was edited by hand) keep each one that still fits.
        var candidate = mta.Current;
        foreach (var (definition, value) in stored)
        {
            var next = definition.Parse(candidate, value).Options!;
            // The candidate so far is valid, so any broken rule (its own or a cross-field one) is this value's doing.
            if (MtaOptionsValidator.Check(next).FirstOrDefault() is { } error)
            {
                LogStoredInvalid(logger, definition.Key, value, error.ToString());
                continue;
            }
            candidate = next;
        }
        foreach (var error in mta.TryPublish(_ => candidate)) LogStoredInvalid(logger, error.Key, "", error.Message);
    }

    public async Task<IReadOnlyList<EngineSettingView>> ListAsync(CancellationToken cancellationToken = default)
    {
        var current = mta.Current;
        var result = new List<EngineSettingView>();
        foreach (var d in EngineSettingsCatalog.All)
        {
            var stored = await settings.GetAsync(d.StorageKey, cancellationToken);
            result.Add(new EngineSettingView(d.Key, d.Label, d.Help, d.Read(current), stored is null ? "configuration" : "stored"));
        }
        return result;
    }

    /// <summary>
    /// Builds the new snapshot from every given value and validates it whole; publishes, stores and audits only when
    /// all are valid. Otherwise returns an error for each bad key (parse errors and rule violations alike).
    /// </summary>
    public async Task<ServiceResult<IReadOnlyList<EngineSettingView>>> UpdateAsync(IReadOnlyDictionary<string, string> changes, string actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(changes);
        await _gate.WaitAsync(cancellationToken);
        try
        {
            var errors = new FieldErrors();
            var previous = mta.Current;
            var candidate = previous;
            foreach (var (key, value) in changes)
            {
                var definition = EngineSettingsCatalog.Find(key);
                if (definition is null)
                {
                    errors.Add(key, $"'{key}' is not a setting; known: {string.Join(", ", EngineSettingsCatalog.All.Select(d => d.Key))}");
                    continue;
                }
                var parsed = definition.Parse(candidate, value ?? "");
                if (parsed.Error is { } error) errors.Add(key, error);
                else candidate = parsed.Options!;
            }
            // The rules run on the whole result even when a value did not parse, so that every bad key is named at once.
            foreach (var error in MtaOptionsValidator.Check(candidate)) errors.Add(FieldOf(error.Key), error.Message);
            if (errors.IsValid)
            {
                var published = candidate;
                foreach (var error in mta.TryPublish(_ => published)) errors.Add(FieldOf(error.Key), error.Message);
            }
            if (!errors.IsValid) return errors.ToResult<IReadOnlyList<EngineSettingView>>();

            // Published: store what changed with its audit rows, all in one transaction. If that fails, nothing is
            // stored and the previous snapshot is put back.
            var stored = new List<(EngineSettingDefinition Definition, string Value, string Before, string After)>();
            try
            {
                await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
                await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
                foreach (var (key, value) in changes)
                {
                    var definition = EngineSettingsCatalog.Find(key)!;
                    var before = definition.Read(previous);
                    var after = definition.Read(candidate);
                    if (before == after) continue;
                    await settings.StageAsync(db, definition.StorageKey, (value ?? "").Trim(), cancellationToken);
                    audit.Add(db, actor, "settings.update", definition.Key, new { value = before }, new { value = after });
                    stored.Add((definition, (value ?? "").Trim(), before, after));
                }
                await db.SaveChangesAsync(cancellationToken);
                await transaction.CommitAsync(cancellationToken);
            }
            catch
            {
                mta.TryPublish(_ => previous);
                throw;
            }
            foreach (var (definition, value, before, after) in stored)
            {
                settings.NotifyChanged(definition.StorageKey, value);
                LogChanged(logger, definition.Key, actor, before, after);
            }
        }
        finally
        {
            _gate.Release();
        }
        return ServiceResult<IReadOnlyList<EngineSettingView>>.Ok(await ListAsync(cancellationToken));
    }

    /// <summary>The API field for a rule violation: the catalog key of that setting, else the configuration key itself.</summary>
    private static string FieldOf(string configKey) => EngineSettingsCatalog.ForConfigKey(configKey)?.Key ?? configKey;

    [LoggerMessage(EventId = 5211, Level = LogLevel.Error, Message = "Stored setting {Key}='{Value}' is invalid and was not applied: {Error}")]
    private static partial void LogStoredInvalid(ILogger logger, string key, string value, string error);

    [LoggerMessage(EventId = 5212, Level = LogLevel.Information, Message = "Setting {Key} changed by {Actor}: {Before} -> {After}")]
    private static partial void LogChanged(ILogger logger, string key, string actor, string before, string after);
}
