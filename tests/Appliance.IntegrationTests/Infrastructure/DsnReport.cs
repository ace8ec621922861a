using MimeKit;

namespace Appliance.IntegrationTests.Infrastructure;

/// <summary>A delivery status notification as received at the sender's MX (RFC 3464 / RFC 6522).</summary>
public sealed record DsnReport(string ReportingMta, IReadOnlyList<DsnRecipient> Recipients, string ContentType, string? ReturnedContent)
{
    /// <summary>
    /// Parses a sink message as a DSN; null when it is not multipart/report with a
    /// message/delivery-status part (RFC 6522 §3, RFC 3464 §2).
    /// </summary>
    public static DsnReport? TryParse(SinkMessage message)
    {
        MimeMessage mime;
        try
        {
            mime = message.Parse();
        }
        catch (FormatException)
        {
            return null;
        }

        if (mime.Body is not MultipartReport report
            || !string.Equals(report.ReportType, "delivery-status", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        var status = report.OfType<MessageDeliveryStatus>().FirstOrDefault();
        if (status is null || status.StatusGroups.Count == 0)
        {
            return null;
        }

        var perMessage = status.StatusGroups[0];
        var recipients = new List<DsnRecipient>();
        foreach (var g in status.StatusGroups.Skip(1))
        {
            recipients.Add(new DsnRecipient(
                StripType(g["Final-Recipient"] ?? g["Original-Recipient"] ?? ""),
                (g["Action"] ?? "").Trim(),
                (g["Status"] ?? "").Trim(),
                g["Diagnostic-Code"]?.Trim()));
        }

        // RFC 3464 §2 / RFC 6522 §3: an optional third part returns the message or its header section.
        string? returned = null;
        if (report.Count >= 3)
        {
            using var ms = new MemoryStream();
            report[2].WriteTo(ms);
            returned = System.Text.Encoding.UTF8.GetString(ms.ToArray());
        }

        return new DsnReport(StripType(perMessage["Reporting-MTA"] ?? ""), recipients, report.ContentType.MimeType, returned);
    }

    // "rfc822; user@example" -> "user@example" (RFC 3464 §2.3.2 address-type; address)
    private static string StripType(string v)
    {
        var i = v.IndexOf(';', StringComparison.Ordinal);
        return (i >= 0 ? v[(i + 1)..] : v).Trim();
    }
}
