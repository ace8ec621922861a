namespace Appliance.Web.Modules.BounceRules;

/// <summary>Log lines of the bounce-rules module (event ids 5800–5809; docs/telemetry.md).</summary>
internal static partial class BounceRulesLog
{
    [LoggerMessage(5800, LogLevel.Information, "Bounce rules loaded: {Count} rules ({Custom} custom)")]
    public static partial void Loaded(ILogger logger, int count, int custom);
}
