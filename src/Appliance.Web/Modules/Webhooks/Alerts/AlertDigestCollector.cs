using System.Text.Json;
using Appliance.Mta.Configuration;
using Appliance.Mta.Events;
using Microsoft.Extensions.Options;

namespace Appliance.Web.Modules.Webhooks.Alerts;

/// <summary>
/// Collects every Alert event (with or without a tenant) for the next digest while a digest address is configured.
/// Pending alerts are also appended to <c>{DataDir}/alerts/digest-pending.jsonl</c>, so a restart does not lose them.
/// Alerts are rare (episodes, not per message), so the append on the listener path is cheap.
/// </summary>
public sealed partial class AlertDigestCollector : IEventListener
{
    private readonly Lock _lock = new();
    private readonly List<MtaEvent> _pending = [];
    private readonly string _file;
    private readonly IOptions<AlertDigestOptions> _options;
    private readonly ILogger<AlertDigestCollector> _logger;

    public AlertDigestCollector(IOptions<AlertDigestOptions> options, IOptions<MtaOptions> mta, ILogger<AlertDigestCollector> logger)
    {
        _options = options;
        _logger = logger;
        _file = Path.Combine(Path.GetFullPath(mta.Value.DataDir), "alerts", "digest-pending.jsonl");
        if (!File.Exists(_file)) return;
        foreach (var line in File.ReadLines(_file))
        {
            try
            {
                if (JsonSerializer.Deserialize<MtaEvent>(line, EventLog.Json) is { } e) _pending.Add(e);
            }
            catch (JsonException)
            {
                // A torn last line after a crash: the alert is still in the event log.
            }
        }
    }

    public void OnEvent(MtaEvent e)
    {
        if (e.Type != MtaEventType.Alert || !_options.Value.Enabled) return;
        lock (_lock)
        {
            _pending.Add(e);
            try
            {
                Directory.CreateDirectory(Path.GetDirectoryName(_file)!);
                File.AppendAllText(_file, JsonSerializer.Serialize(e, EventLog.Json) + "\n");
            }
            catch (IOException ex)
            {
                LogPersistFailed(_logger, ex);
            }
        }
    }

    /// <summary>The pending alerts, oldest first.</summary>
    public IReadOnlyList<MtaEvent> Pending()
    {
        lock (_lock) return [.. _pending];
    }

    /// <summary>Forgets the first <paramref name="count"/> pending alerts (they were mailed).</summary>
    public void Remove(int count)
    {
        lock (_lock)
        {
            _pending.RemoveRange(0, Math.Min(count, _pending.Count));
            try
            {
                if (_pending.Count == 0) File.Delete(_file);
                else File.WriteAllLines(_file, _pending.Select(e => JsonSerializer.Serialize(e, EventLog.Json)));
            }
            catch (IOException ex)
            {
                LogPersistFailed(_logger, ex);
            }
        }
    }

    [LoggerMessage(3703, LogLevel.Warning, "Could not persist the pending alert digest")]
    private static partial void LogPersistFailed(ILogger logger, Exception ex);
}
