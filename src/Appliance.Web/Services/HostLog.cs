namespace Appliance.Web.Services;

/// <summary>Log lines of the host's own services: database start, settings, hostname, setup (event ids 5200–5219; docs/telemetry.md).</summary>
internal static partial class HostLog
{
    [LoggerMessage(5200, LogLevel.Information, "Settings database ready at {Path}")]
    public static partial void DatabaseReady(ILogger logger, string path);

    [LoggerMessage(5201, LogLevel.Information, "Created default tenant {TenantId}")]
    public static partial void DefaultTenantCreated(ILogger logger, string tenantId);

    [LoggerMessage(5207, LogLevel.Information, "Setup completed: administrator {Email} created, hostname {Hostname}")]
    public static partial void SetupCompleted(ILogger logger, string email, string hostname);

    [LoggerMessage(5208, LogLevel.Error, "Appliance:Delivery:SmartHost '{SmartHost}' is not host:port; ignored")]
    public static partial void SmartHostInvalid(ILogger logger, string smartHost);
}
