using Appliance.Mta.Configuration;
using Appliance.Web.Data.Entities;
using Microsoft.Extensions.Options;

namespace Appliance.Web.Services;

/// <summary>
/// Makes the stored "System:Hostname" setting (set by the setup wizard) the engine's <see cref="MtaOptions.Hostname"/>:
/// once at start, before the engine starts (from the database initializer), and again on every change. The engine
/// keeps the <see cref="IOptions{TOptions}"/> instance, so the new name is used by the next EHLO, banner and DSN
/// without a restart. Without a stored value, Appliance:Hostname from configuration stays in force.
/// </summary>
public sealed class HostnameSetting(SettingsService settings, IOptions<MtaOptions> mta, ILogger<HostnameSetting> logger)
{
    private int _subscribed;

    public async Task ApplyStoredAsync(CancellationToken cancellationToken)
    {
        if (Interlocked.Exchange(ref _subscribed, 1) == 0) settings.Changed += OnChanged;
        if (await settings.GetAsync(SettingKeys.Hostname, cancellationToken) is { Length: > 0 } hostname) Apply(hostname);
    }

    private void OnChanged(string key, string value)
    {
        if (key == SettingKeys.Hostname && value.Length > 0) Apply(value);
    }

    private void Apply(string hostname)
    {
        var options = mta.Value;
        if (options.Hostname == hostname) return;
        logger.LogInformation("Hostname is now {Hostname} (was {Previous})", hostname, options.Hostname);
        options.Hostname = hostname;
    }
}
