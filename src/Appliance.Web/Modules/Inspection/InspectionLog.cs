namespace Appliance.Web.Modules.Inspection;

/// <summary>Log events 5270–5279 of message inspection (docs/telemetry.md).</summary>
public static partial class InspectionLog
{
    [LoggerMessage(5270, LogLevel.Warning, "Content of message {Id} (tenant {Tenant}) not retained: the retention writer is {Capacity} messages behind")]
    public static partial void QueueFull(ILogger logger, string id, string tenant, int capacity);

    [LoggerMessage(5271, LogLevel.Warning, "Content of message {Id} (tenant {Tenant}) could not be retained")]
    public static partial void WriteFailed(ILogger logger, string id, string tenant, Exception exception);

    [LoggerMessage(5272, LogLevel.Information, "Message retention expiry deleted {Count} contents")]
    public static partial void Expired(ILogger logger, int count);

    [LoggerMessage(5273, LogLevel.Information, "Tenant {Tenant} over its retention budget of {BudgetBytes} bytes: {Count} oldest contents deleted")]
    public static partial void OverBudget(ILogger logger, string tenant, long budgetBytes, int count);

    [LoggerMessage(5274, LogLevel.Error, "Content of message {Id} (tenant {Tenant}) cannot be decrypted (key ring missing?)")]
    public static partial void Unreadable(ILogger logger, string id, string tenant, Exception exception);
}
