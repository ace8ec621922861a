namespace Appliance.Web.Services;

/// <summary>Log lines of the host's own services: database start, settings, hostname, setup (event ids 5200–5219; docs/telemetry.md).</summary>
internal static partial class HostLog
{
    [LoggerMessage(5200, LogLevel.Information, "Settings database ready at {Path}")]
    public static partial void DatabaseReady(ILogger logger, string path);

    [LoggerMessage(5201, LogLevel.Information, "Created default tenant {TenantId}")]
    public static partial void DefaultTenantCreated(ILogger logger, string tenantId);

    [LoggerMessage(5202, LogLevel.Error, "Stored setting {Key}='{Value}' is invalid and was not applied: {Error}")]
    public static partial void StoredSettingInvalid(ILogger logger, string key, string value, string error);

    [LoggerMessage(5203, LogLevel.Information, "Setting {Key} changed by {Actor}: {Before} -> {After}")]
    public static partial void SettingChanged(ILogger logger, string key, string actor, string? before, string? after);

    [LoggerMessage(5204, LogLevel.Information, "Self-signed SMTP certificate renewed for {Hostname}")]
    public static partial void CertificateRenewed(ILogger logger, string hostname);

    [LoggerMessage(5205, LogLevel.Warning, "Could not renew the self-signed SMTP certificate for {Hostname}")]
    public static partial void CertificateRenewalFailed(ILogger logger, Exception exception, string hostname);

    [LoggerMessage(5206, LogLevel.Information, "Hostname is now {Hostname} (was {Previous})")]
    public static partial void HostnameChanged(ILogger logger, string hostname, string previous);

    [LoggerMessage(5207, LogLevel.Information, "Setup completed: administrator {Email} created, hostname {Hostname}")]
    public static partial void SetupCompleted(ILogger logger, string email, string hostname);

    [LoggerMessage(5208, LogLevel.Error, "Appliance:Delivery:SmartHost '{SmartHost}' is not host:port; ignored")]
    public static partial void SmartHostInvalid(ILogger logger, string smartHost);
}
