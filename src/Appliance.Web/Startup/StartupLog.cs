namespace Appliance.Web.Startup;

/// <summary>Source-generated log messages of the start-up runner (event ids 5200-5209, listed in docs/telemetry.md).</summary>
internal static partial class StartupLog
{
    [LoggerMessage(5220, LogLevel.Debug, "Start-up step {Order} {Name} running")]
    public static partial void StepStarting(ILogger logger, int order, string name);

    [LoggerMessage(5221, LogLevel.Information, "Start-up step {Order} {Name} done in {ElapsedMs} ms")]
    public static partial void StepDone(ILogger logger, int order, string name, long elapsedMs);

    [LoggerMessage(5222, LogLevel.Critical, "Start-up step {Order} {Name} failed: the appliance does not start")]
    public static partial void StepFailed(ILogger logger, int order, string name, Exception exception);
}
