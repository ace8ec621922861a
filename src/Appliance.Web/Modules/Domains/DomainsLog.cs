namespace Appliance.Web.Modules.Domains;

/// <summary>Log lines of the domains module (event ids 5400–5419; docs/telemetry.md).</summary>
internal static partial class DomainsLog
{
    [LoggerMessage(5400, LogLevel.Warning, "DKIM rotation of {Domain}: new record not published by {Deadline}")]
    public static partial void RecordNotPublished(ILogger logger, string domain, DateTimeOffset? deadline);

    [LoggerMessage(5401, LogLevel.Information, "DKIM rotation scan: {Transitions} transitions")]
    public static partial void RotationScanned(ILogger logger, int transitions);

    [LoggerMessage(5402, LogLevel.Error, "DKIM key {Selector} of {Domain} cannot be decrypted (Data Protection keys lost?); not signing with it")]
    public static partial void KeyUnreadable(ILogger logger, Exception exception, string selector, string domain);
}
