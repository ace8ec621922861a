using System.Globalization;
using Appliance.Mta.Events;
using CsvHelper;

namespace Appliance.Web.Modules.EventStore;

/// <summary>
/// The CSV form of events, written by CsvHelper (RFC 4180: CRLF record ends, a field with a comma, quote or line break
/// quoted, inner quotes doubled). The columns and their names are the export's contract; keep them stable.
/// </summary>
public static class EventCsv
{
    /// <summary>The header record, in column order.</summary>
    public static readonly string[] Columns =
    [
        "timestamp", "type", "messageId", "messageIdHeader", "tenant", "sender", "recipient", "queue", "site", "egressSource",
        "remoteHost", "code", "enhancedCode", "response", "category", "attempt", "detail",
    ];

    /// <summary>RFC 4180 as CsvHelper writes it by default (CRLF, quote when needed, no formula escaping).</summary>
    public static CsvWriterOptions Options { get; } = CsvWriterOptions.Default;

    /// <summary>Writes the header record.</summary>
    public static void WriteHeader(CsvWriter csv)
    {
        ArgumentNullException.ThrowIfNull(csv);
        csv.WriteHeader(Columns);
    }

    /// <summary>Writes the fields of one event (the caller ends the record).</summary>
    public static void WriteFields(CsvWriter csv, MtaEvent e)
    {
        ArgumentNullException.ThrowIfNull(csv);
        ArgumentNullException.ThrowIfNull(e);
        csv.WriteField(e.Timestamp.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture));
        csv.WriteField(e.Type.ToString());
        csv.WriteField(e.MessageId);
        csv.WriteField(e.MessageIdHeader);
        csv.WriteField(e.Tenant);
        csv.WriteField(e.Sender);
        csv.WriteField(e.Recipient);
        csv.WriteField(e.Queue);
        csv.WriteField(e.Site);
        csv.WriteField(e.EgressSource);
        csv.WriteField(e.RemoteHost);
        csv.WriteField(e.Code?.ToString(CultureInfo.InvariantCulture));
        csv.WriteField(e.EnhancedCode);
        csv.WriteField(e.Response);
        csv.WriteField(e.Category?.ToString());
        csv.WriteField(e.Attempt?.ToString(CultureInfo.InvariantCulture));
        csv.WriteField(e.Detail);
    }
}
