using System.Globalization;
using System.Text;
using Appliance.Mta.Events;

namespace Appliance.Web.Modules.EventStore;

/// <summary>CSV rows of events (RFC 4180: CRLF line ends, fields with a comma, quote or line break quoted, quotes doubled).</summary>
public static class EventCsv
{
    public const string Header = "timestamp,type,messageId,messageIdHeader,tenant,sender,recipient,queue,site,egressSource,remoteHost,code,enhancedCode,response,category,attempt,detail";

    public static string Row(MtaEvent e)
    {
        var sb = new StringBuilder(256);
        string?[] fields =
        [
            e.Timestamp.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture), e.Type.ToString(), e.MessageId,
            e.MessageIdHeader, e.Tenant, e.Sender, e.Recipient, e.Queue, e.Site, e.EgressSource, e.RemoteHost,
            e.Code?.ToString(CultureInfo.InvariantCulture), e.EnhancedCode, e.Response, e.Category?.ToString(),
            e.Attempt?.ToString(CultureInfo.InvariantCulture), e.Detail,
        ];
        for (var i = 0; i < fields.Length; i++)
        {
            if (i > 0) sb.Append(',');
            Append(sb, fields[i]);
        }
        return sb.ToString();
    }

    private static void Append(StringBuilder sb, string? field)
    {
        if (string.IsNullOrEmpty(field)) return;
        if (field.AsSpan().IndexOfAny(",\"\r\n") < 0)
        {
            sb.Append(field);
            return;
        }
        sb.Append('"').Append(field.Replace("\"", "\"\"", StringComparison.Ordinal)).Append('"');
    }
}
