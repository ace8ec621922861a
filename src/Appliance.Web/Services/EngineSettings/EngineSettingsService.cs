using Appliance.Mta.Configuration;
using Microsoft.Extensions.Options;

namespace Appliance.Web.Services.EngineSettings;

/// <summary>
/// Engine settings changed at run time: validated all together (nothing is applied when one value is wrong),
/// stored in the Settings table, applied to the live <see cref="MtaOptions"/> and audited. Stored values win over
/// configuration; they are applied at start by the database initializer, before the engine starts.
/// </summary>
public sealed class EngineSettingsService(SettingsService settings, IOptions<MtaOptions> mta, IAuditLog audit, ILogger<EngineSettingsService> logger)
{
    private readonly SemaphoreSlim _gate = new(1, 1);

    public async Task ApplyStoredAsync(CancellationToken cancellationToken)
    {
        foreach (var definition in EngineSettingsCatalog.All)
        {
            if (await settings.GetAsync(definition.StorageKey, cancellationToken) is not { } stored) continue;
            if (definition.TryApply(mta.Value, stored) is { } error)
                HostLog.StoredSettingInvalid(logger, definition.Key, stored, error);
        }
    }

    public async Task<IReadOnlyList<EngineSettingView>> ListAsync(CancellationToken cancellationToken = default)
    {
        var result = new List<EngineSettingView>();
        foreach (var d in EngineSettingsCatalog.All)
        {
            var stored = await settings.GetAsync(d.StorageKey, cancellationToken);
            result.Add(new EngineSettingView(d.Key, d.Label, d.Help, d.Read(mta.Value), stored is null ? "configuration" : "stored"));
        }
        return result;
    }

    /// <summary>Validates every given value on a scratch copy first; applies and stores only when all are valid.</summary>
    public async Task<ServiceResult<IReadOnlyList<EngineSettingView>>> UpdateAsync(IReadOnlyDictionary<string, string> changes, string actor, CancellationToken cancellationToken = default)
    {
        var errors = new FieldErrors();
        var scratch = Copy(mta.Value);
        foreach (var (key, value) in changes)
        {
            var definition = EngineSettingsCatalog.Find(key);
            if (definition is null) errors.Add(key, $"'{key}' is not a setting; known: {string.Join(", ", EngineSettingsCatalog.All.Select(d => d.Key))}");
            else if (definition.TryApply(scratch, value ?? "") is { } error) errors.Add(key, error);
        }
        if (errors.IsValid && scratch.Delivery.MaxRetryInterval < scratch.Delivery.RetryInterval)
            errors.Add("delivery.maxRetryInterval", "must not be shorter than the first retry interval");
        if (!errors.IsValid) return errors.ToResult<IReadOnlyList<EngineSettingView>>();

        await _gate.WaitAsync(cancellationToken);
        try
        {
            foreach (var (key, value) in changes)
            {
                var definition = EngineSettingsCatalog.Find(key)!;
                var before = definition.Read(mta.Value);
                definition.TryApply(mta.Value, value);
                var after = definition.Read(mta.Value);
                if (before == after) continue;
                await settings.SetAsync(definition.StorageKey, value.Trim(), cancellationToken);
                await audit.RecordAsync(actor, "settings.update", definition.Key, new { value = before }, new { value = after }, cancellationToken);
                HostLog.SettingChanged(logger, definition.Key, actor, before, after);
            }
        }
        finally
        {
            _gate.Release();
        }
        return ServiceResult<IReadOnlyList<EngineSettingView>>.Ok(await ListAsync(cancellationToken));
    }

    /// <summary>A deep enough copy for validation: the sections the catalog writes.</summary>
    private static MtaOptions Copy(MtaOptions o) => new()
    {
        Hostname = o.Hostname,
        Smtp = new SmtpServerOptions { RelayHosts = [.. o.Smtp.RelayHosts], MaxMessageSize = o.Smtp.MaxMessageSize, MaxRecipients = o.Smtp.MaxRecipients },
        Delivery = new DeliveryOptions
        {
            RetryInterval = o.Delivery.RetryInterval,
            MaxRetryInterval = o.Delivery.MaxRetryInterval,
            MaxAge = o.Delivery.MaxAge,
            MaxConnectionsPerSite = o.Delivery.MaxConnectionsPerSite,
        },
    };
}
