using System.Globalization;
using System.IO.Compression;
using System.Text.Json;
using MimeKit;

namespace Appliance.Mta.Delivery.MtaSts;

/// <summary>
/// Serialises a <see cref="TlsReport"/>: the JSON document (RFC 8460 §4.4), its gzip form (§5: application/tlsrpt+gzip),
/// the file name (§5.1) and the report e-mail (§5.3: multipart/report; report-type="tlsrpt", the TLS-Report-Domain and
/// TLS-Report-Submitter fields and the prescribed Subject).
/// </summary>
public static class TlsReportWriter
{
    /// <summary>
    /// Media type of a gzip-compressed report (RFC 8460 §5), used for the attachment and the HTTPS POST.
    /// </summary>
    public const string GzipMediaType = "application/tlsrpt+gzip";

    /// <summary>The report as RFC 8460 §4.4 JSON, UTF-8, not indented.</summary>
    public static byte[] ToJson(TlsReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = false }))
        {
            json.WriteStartObject();
            json.WriteString("organization-name", report.OrganizationName);
            json.WriteStartObject("date-range");
            json.WriteString("start-datetime", Rfc3339(report.Start));
            json.WriteString("end-datetime", Rfc3339(report.End));
            json.WriteEndObject();
            json.WriteString("contact-info", report.ContactInfo);
            json.WriteString("report-id", report.ReportId);
            json.WriteStartArray("policies");
            foreach (var policy in report.Policies) WritePolicy(json, policy);
            json.WriteEndArray();
            json.WriteEndObject();
        }
        return buffer.ToArray();
    }

    /// <summary>
    /// <paramref name="json"/> gzip-compressed, as RFC 8460 §5 requires for e-mail and HTTPS delivery.
    /// </summary>
    public static byte[] Gzip(byte[] json)
    {
        ArgumentNullException.ThrowIfNull(json);
        using var buffer = new MemoryStream();
        using (var gzip = new GZipStream(buffer, CompressionLevel.Optimal)) gzip.Write(json);
        return buffer.ToArray();
    }

    /// <summary>§5.1: sender "!" policy-domain "!" begin-timestamp "!" end-timestamp [ "!" unique-id ] ".json.gz",
    /// timestamps in seconds since the epoch.</summary>
    public static string FileName(string submitter, string policyDomain, TlsReport report, string? uniqueId = null)
    {
        ArgumentNullException.ThrowIfNull(report);
        var name = string.Create(CultureInfo.InvariantCulture,
            $"{submitter}!{policyDomain}!{report.Start.ToUnixTimeSeconds()}!{report.End.ToUnixTimeSeconds()}");
        return (uniqueId is null ? name : name + "!" + uniqueId) + ".json.gz";
    }

    /// <summary>The report e-mail (§5.3), CRLF line ends. The caller injects it so that it is DKIM-signed like
    /// other mail of the submitter domain (§5.3 requires a DKIM signature from the submitter).</summary>
    public static byte[] ToEmail(TlsReport report, string policyDomain, string submitter, MailboxAddress from, string to, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(from);
        var message = new MimeMessage { Date = now, Subject = $"Report Domain: {policyDomain} Submitter: {submitter} Report-ID: <{report.ReportId}>" };
        message.From.Add(from);
        message.To.Add(MailboxAddress.Parse(to));
        message.MessageId = MimeKit.Utils.MimeUtils.GenerateMessageId(submitter);
        message.Headers.Add("TLS-Report-Domain", policyDomain);
        message.Headers.Add("TLS-Report-Submitter", submitter);
        var text = new TextPart("plain")
        {
            Text = $"This is an aggregate TLS report (RFC 8460) from {submitter} for {policyDomain}, " +
                   $"{Rfc3339(report.Start)} to {Rfc3339(report.End)}.\r\n",
        };
        var gz = new MimePart("application", "tlsrpt+gzip")
        {
            Content = new MimeContent(new MemoryStream(Gzip(ToJson(report)))),
            ContentDisposition = new ContentDisposition(ContentDisposition.Attachment) { FileName = FileName(submitter, policyDomain, report) },
            ContentTransferEncoding = ContentEncoding.Base64,
        };
        var multipart = new Multipart("report") { text, gz };
        multipart.ContentType.Parameters.Add("report-type", "tlsrpt");
        message.Body = multipart;
        using var output = new MemoryStream();
        message.WriteTo(new FormatOptions { NewLineFormat = NewLineFormat.Dos }, output);
        return output.ToArray();
    }

    private static void WritePolicy(Utf8JsonWriter json, TlsReportPolicy policy)
    {
        json.WriteStartObject();
        json.WriteStartObject("policy");
        json.WriteString("policy-type", policy.PolicyType);
        // §4.4: a no-policy-found entry has no policy to encode; its policy-string and mx-host are left out.
        var applied = policy.PolicyType != TlsReportStore.NoPolicyFound || policy.PolicyStrings.Count > 0;
        if (applied)
        {
            json.WriteStartArray("policy-string");
            foreach (var line in policy.PolicyStrings) json.WriteStringValue(line);
            json.WriteEndArray();
        }
        json.WriteString("policy-domain", policy.PolicyDomain);
        if (applied)
        {
            json.WriteStartArray("mx-host");
            foreach (var mx in policy.MxHosts) json.WriteStringValue(mx);
            json.WriteEndArray();
        }
        json.WriteEndObject();
        json.WriteStartObject("summary");
        json.WriteNumber("total-successful-session-count", policy.SuccessCount);
        json.WriteNumber("total-failure-session-count", policy.FailureCount);
        json.WriteEndObject();
        if (policy.FailureDetails.Count == 0)
        {
            json.WriteEndObject(); // no failures: failure-details is left out, as Google's reports do
            return;
        }
        json.WriteStartArray("failure-details");
        foreach (var detail in policy.FailureDetails)
        {
            json.WriteStartObject();
            json.WriteString("result-type", detail.ResultType);
            if (detail.SendingMtaIp is { } ip) json.WriteString("sending-mta-ip", ip);
            if (detail.ReceivingMx is { } mx) json.WriteString("receiving-mx-hostname", mx);
            json.WriteNumber("failed-session-count", detail.Count);
            json.WriteEndObject();
        }
        json.WriteEndArray();
        json.WriteEndObject();
    }

    private static string Rfc3339(DateTimeOffset t) => t.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
