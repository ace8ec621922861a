using Appliance.Mta.Configuration;
using Appliance.Web.Data.Entities;

namespace Appliance.Web.Services;

/// <summary>
/// Makes the stored "System:Hostname" setting (set by the setup wizard) the engine's <see cref="MtaOptions.Hostname"/>:
/// once at start, before the engine starts (from the database initializer), and again on every change, by publishing
/// a new settings snapshot. The engine reads the snapshot, so the next EHLO, banner, Received, Message-ID and DSN use
/// the new name without a restart, and the SMTP server, which listens for settings changes, makes a self-generated
/// certificate anew for it. Without a stored value, Appliance:Hostname from configuration stays in force.
/// </summary>
public sealed partial class HostnameSetting(SettingsService settings, MtaSettings mta, ILogger<HostnameSetting> logger)
{
    private int _subscribed;

    /// <summary>The hostname the engine uses now.</summary>
    public string Current => mta.Current.Hostname;

    public async Task ApplyStoredAsync(CancellationToken cancellationToken)
    {
        if (Interlocked.Exchange(ref _subscribed, 1) == 0) settings.Changed += OnChanged;
        if (await settings.GetAsync(SettingKeys.Hostname, cancellationToken) is { Length: > 0 } hostname) Apply(hostname);
    }

    private void OnChanged(string key, string value)
    {
        if (key != SettingKeys.Hostname || value.Length == 0) return;
        Apply(value);
    }

    private void Apply(string hostname)
    {
        var previous = mta.Current.Hostname;
        if (previous == hostname) return;
        var errors = mta.TryPublish(o => o with { Hostname = hostname });
        if (errors.Count > 0) LogRefused(logger, hostname, string.Join("; ", errors));
        else LogChanged(logger, hostname, previous);
    }

    [LoggerMessage(EventId = 5213, Level = LogLevel.Information, Message = "Hostname is now {Hostname} (was {Previous})")]
    private static partial void LogChanged(ILogger logger, string hostname, string previous);

    [LoggerMessage(EventId = 5214, Level = LogLevel.Error, Message = "Stored hostname {Hostname} was not applied: {Errors}")]
    private static partial void LogRefused(ILogger logger, string hostname, string errors);
}
