namespace Appliance.Web.Modules.Reports;

/// <summary>Log lines of the reports module (event ids 5300–5319; docs/telemetry.md).</summary>
internal static partial class ReportsLog
{
    [LoggerMessage(5300, LogLevel.Information, "Report ingestion from {Channel} {Source}: {Stored} stored, {Duplicates} duplicate, {Errors} errors")]
    public static partial void Ingested(ILogger logger, Entities.ReportChannel channel, string source, int stored, int duplicates, int errors);

    [LoggerMessage(5301, LogLevel.Warning, "Report alert: {Detail}")]
    public static partial void Alert(ILogger logger, string detail);

    [LoggerMessage(5302, LogLevel.Information, "Report retention: raw bytes of {Count} reports received before {Cutoff} dropped")]
    public static partial void RawBytesDropped(ILogger logger, int count, DateTimeOffset cutoff);

    [LoggerMessage(5303, LogLevel.Information, "IMAP poll: {Messages} messages from {Mailboxes} mailboxes, {Failed} failed")]
    public static partial void ImapPolled(ILogger logger, int messages, int mailboxes, int failed);

    [LoggerMessage(5304, LogLevel.Warning, "IMAP poll of {Mailbox} failed after {Messages} messages")]
    public static partial void ImapPollFailed(ILogger logger, Exception exception, string mailbox, int messages);

    [LoggerMessage(5305, LogLevel.Error, "Could not store a report mailed from {Client}")]
    public static partial void MailedReportNotStored(ILogger logger, Exception exception, string client);
}
