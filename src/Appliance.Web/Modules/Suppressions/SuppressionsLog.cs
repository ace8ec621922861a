namespace Appliance.Web.Modules.Suppressions;

/// <summary>Log lines of the suppressions module (event ids 5600–5619; docs/telemetry.md).</summary>
internal static partial class SuppressionsLog
{
    [LoggerMessage(5600, LogLevel.Information, "Loaded {Count} suppressions")]
    public static partial void Loaded(ILogger logger, int count);

    [LoggerMessage(5601, LogLevel.Error, "Writing {Count} suppressions failed; they stay in memory until restart")]
    public static partial void WriteFailed(ILogger logger, Exception exception, int count);

    [LoggerMessage(5602, LogLevel.Debug, "Per-domain return paths: {Verified} of {Total} verified")]
    public static partial void DomainReturnPathsVerified(ILogger logger, int verified, int total);

    [LoggerMessage(5603, LogLevel.Warning, "Return-path domain {Domain} of tenant {Tenant} not served: {Refusal}")]
    public static partial void ReturnPathNotServed(ILogger logger, string domain, string tenant, string refusal);

    [LoggerMessage(5604, LogLevel.Debug, "Tenant return-path domains: {Verified} of {Total} point at the appliance")]
    public static partial void TenantReturnPathsVerified(ILogger logger, int verified, int total);
}
