using Appliance.Mta.Configuration;
using Appliance.Web.Data.Entities;
using Microsoft.Extensions.Options;

namespace Appliance.Web.Services;

/// <summary>
/// Makes the stored "System:Hostname" setting (set by the setup wizard) the engine's <see cref="MtaOptions.Hostname"/>:
/// once at start, before the engine starts (from the database initializer), and again on every change. The engine
/// keeps the <see cref="IOptions{TOptions}"/> instance, so the new name is used by the next EHLO, banner, Received,
/// Message-ID and DSN without a restart, and a self-generated SMTP certificate is made anew for it. Without a stored value, Appliance:Hostname from configuration stays in force.
/// </summary>
public sealed class HostnameSetting(SettingsService settings, IOptions<MtaOptions> mta, IServiceProvider services, ILogger<HostnameSetting> logger)
{
    private int _subscribed;

    public async Task ApplyStoredAsync(CancellationToken cancellationToken)
    {
        if (Interlocked.Exchange(ref _subscribed, 1) == 0) settings.Changed += OnChanged;
        if (await settings.GetAsync(SettingKeys.Hostname, cancellationToken) is { Length: > 0 } hostname) Apply(hostname);
    }

    private void OnChanged(string key, string value)
    {
        if (key != SettingKeys.Hostname || value.Length == 0) return;
        Apply(value);
        RenewCertificate();
    }

    /// <summary>A self-generated SMTP certificate names the host: the running listeners get one for the new name at
    /// once (RFC 3207 clients that check the name see the right one). An uploaded or configured certificate stays.</summary>
    private void RenewCertificate()
    {
        if (services.GetService<Appliance.Mta.Hosting.MtaEngineHostedService>()?.Server is not { } server) return;
        try
        {
            if (Appliance.Mta.Smtp.Server.ServerCertificate.RenewSelfSignedIfRenamed(mta.Value) is { } certificate)
            {
                server.ReplaceCertificate(certificate);
                HostLog.CertificateRenewed(logger, mta.Value.Hostname);
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or System.Security.Cryptography.CryptographicException)
        {
            HostLog.CertificateRenewalFailed(logger, ex, mta.Value.Hostname);
        }
    }

    private void Apply(string hostname)
    {
        var options = mta.Value;
        if (options.Hostname == hostname) return;
        HostLog.HostnameChanged(logger, hostname, options.Hostname);
        options.Hostname = hostname;
    }
}
