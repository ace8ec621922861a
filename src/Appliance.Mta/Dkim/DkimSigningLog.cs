using Microsoft.Extensions.Logging;

namespace Appliance.Mta.Dkim;

internal static partial class DkimSigningLog
{
    [LoggerMessage(4100, LogLevel.Debug, "DKIM: message of tenant {TenantId} has no parseable From: domain; passed on unsigned")]
    public static partial void NoFromDomain(ILogger logger, string tenantId);

    [LoggerMessage(4101, LogLevel.Information, "DKIM: From: domain {Domain} is not a sending domain of tenant {TenantId}; passed on unsigned ({Enforcement}; logged once an hour per domain)")]
    public static partial void NotOwned(ILogger logger, string domain, string tenantId, FromDomainEnforcement enforcement);

    [LoggerMessage(4104, LogLevel.Information, "DKIM: tenant {TenantId} has no sending domain with an active key; its mail goes out unsigned (logged once an hour)")]
    public static partial void NoSigningDomain(ILogger logger, string tenantId);

    [LoggerMessage(4102, LogLevel.Information, "DKIM: rejected a message of tenant {TenantId}: {Reason}")]
    public static partial void Rejected(ILogger logger, string tenantId, string reason);

    [LoggerMessage(4103, LogLevel.Error, "DKIM: signing for {Domain} (tenant {TenantId}) failed; passed on unsigned")]
    public static partial void SigningFailed(ILogger logger, Exception exception, string domain, string tenantId);
}
