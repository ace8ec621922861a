using Appliance.Mta.Reports.Archive;
using Appliance.Mta.Reports.Dmarc;
using Appliance.Mta.Reports.Forensic;
using Appliance.Mta.Reports.Tls;
using MimeKit;

namespace Appliance.Mta.Reports;

/// <summary>
/// The one entry point of every ingestion channel (mail to the appliance, IMAP, upload): a report mail (RFC 7489
/// §7.2.1.1 attachment, RFC 8460 §5.3 multipart/report; report-type=tlsrpt) or a bare file (xml, json, gz, zip,
/// nested), unpacked within the archive limits and parsed by content. Never throws on bad input: what cannot be
/// read is listed in <see cref="ReportReadResult.Errors"/>.
/// <para>The decompression budget (<see cref="ReportArchiveLimits.MaxDecompressedBytes"/>) covers the whole message or
/// file: every MIME part and every nested archive draw from one budget, so many parts each under the limit cannot
/// together expand beyond it. Once it is spent the remaining parts are skipped (listed in the errors).</para>
/// </summary>
public static class ReportDocumentReader
{
    /// <summary>
    /// Reads one uploaded file or raw message: <paramref name="content"/> may be a mail (an mbox "From " line is
    /// skipped) or a bare report file (XML, JSON, gzip, zip); <paramref name="fileName"/> helps to tell formats apart
    /// and names the document in errors; <paramref name="limits"/> default to <see
    /// cref="ReportArchiveLimits.Default"/>.
    /// </summary>
    public static ReportReadResult Read(byte[] content, string? fileName = null, ReportArchiveLimits? limits = null)
    {
        var sink = new Collector();
        content = WithoutMboxFromLine(content);
        try
        {
            if (LooksLikeMail(content)) ReadMail(MimeMessage.Load(new MemoryStream(content, writable: false)), limits, sink);
            else ReadFile(content, fileName ?? "", limits ?? ReportArchiveLimits.Default, ReportArchiveReader.NewBudget(limits ?? ReportArchiveLimits.Default), sink);
        }
        catch (Exception e) when (e is FormatException or ParseException or ReportFormatException or IOException or InvalidDataException)
        {
            sink.Errors.Add(e.Message);
        }
        if (sink.IsEmpty && sink.Errors.Count == 0) sink.Errors.Add("no DMARC or TLS report found");
        return new ReportReadResult(sink.Aggregates, sink.Tls, sink.Failures, sink.Errors);
    }

    /// <summary>
    /// Reads every report attached to <paramref name="message"/> (a received report mail) within <paramref
    /// name="limits"/> (default <see cref="ReportArchiveLimits.Default"/>).
    /// </summary>
    public static ReportReadResult Read(MimeMessage message, ReportArchiveLimits? limits = null)
    {
        var sink = new Collector();
        ReadMail(message, limits, sink);
        if (sink.IsEmpty && sink.Errors.Count == 0) sink.Errors.Add("no DMARC or TLS report found in the message");
        return new ReportReadResult(sink.Aggregates, sink.Tls, sink.Failures, sink.Errors);
    }

    private static void ReadMail(MimeMessage message, ReportArchiveLimits? limits, Collector sink)
    {
        if (DmarcFailureReportParser.TryParse(message) is { } failure)
        {
            sink.Failures.Add(failure);
            return;
        }
        limits ??= ReportArchiveLimits.Default;
        var budget = ReportArchiveReader.NewBudget(limits); // one budget for the whole message, not one per part
        foreach (var part in message.BodyParts.OfType<MimePart>())
        {
            if (!IsReportAttachment(part) || part.Content is null) continue;
            if (budget[0] <= 0)
            {
                sink.Errors.Add($"decompression budget of {limits.MaxDecompressedBytes} bytes spent; remaining attachments skipped");
                return;
            }
            using var ms = new MemoryStream();
            part.Content.DecodeTo(ms);
            try
            {
                ReadFile(ms.ToArray(), part.FileName ?? part.ContentType.Name ?? "", limits, budget, sink);
            }
            catch (ReportFormatException e)
            {
                sink.Errors.Add(e.Message);
            }
        }
    }

    private static void ReadFile(byte[] content, string name, ReportArchiveLimits limits, long[] budget, Collector sink)
    {
        foreach (var payload in ReportArchiveReader.Unpack(content, name, limits, budget))
        {
            try
            {
                switch (FirstSignificant(payload.Content))
                {
                    case (byte)'<': sink.Aggregates.Add(DmarcAggregateParser.Parse(payload.Content)); break;
                    case (byte)'{': sink.Tls.Add(TlsRptParser.Parse(payload.Content)); break;
                    case 0: throw new ReportFormatException("empty document");
                    default: throw new ReportFormatException("neither XML nor JSON");
                }
            }
            catch (ReportFormatException e)
            {
                sink.Errors.Add(payload.Name.Length > 0 ? $"{payload.Name}: {e.Message}" : e.Message);
            }
        }
    }

    private static bool IsReportAttachment(MimePart part)
    {
        var type = part.ContentType;
        var name = (part.FileName ?? type.Name ?? "").ToLowerInvariant();
        if (name.EndsWith(".xml") || name.EndsWith(".gz") || name.EndsWith(".zip") || name.EndsWith(".json")) return true;
        if (type.MediaType.Equals("text", StringComparison.OrdinalIgnoreCase)) return type.MediaSubtype.Equals("xml", StringComparison.OrdinalIgnoreCase);
        var sub = type.MediaSubtype.ToLowerInvariant();
        return type.MediaType.Equals("application", StringComparison.OrdinalIgnoreCase)
            && sub is "zip" or "gzip" or "x-gzip" or "x-zip-compressed" or "xml" or "json" or "tlsrpt+gzip" or "tlsrpt+json" or "octet-stream";
    }

    private static byte FirstSignificant(byte[] data)
    {
        var i = data.AsSpan().StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]) ? 3 : 0;
        for (; i < data.Length; i++) if (data[i] is not ((byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n')) return data[i];
        return 0;
    }

    /// <summary>A message starts with header fields (RFC 5322 §2.2): a field name, then a colon, before any space or '&lt;'.</summary>
    private static bool LooksLikeMail(byte[] data)
    {
        if (ReportArchiveReader.IsGzip(data) || ReportArchiveReader.IsZip(data)) return false;
        var limit = Math.Min(data.Length, 200);
        for (var i = 0; i < limit; i++)
        {
            var b = data[i];
            if (b == (byte)':') return i > 0;
            if (b is (byte)' ' or (byte)'<' or (byte)'{' or (byte)'\r' or (byte)'\n' or (byte)'\t' or > 126 or < 33) return false;
        }
        return false;
    }

    /// <summary>A message saved from an mbox starts with a "From " envelope line (RFC 4155), which is no header field.</summary>
    private static byte[] WithoutMboxFromLine(byte[] data)
    {
        if (!data.AsSpan().StartsWith("From "u8)) return data;
        var newline = Array.IndexOf(data, (byte)'\n');
        return newline < 0 ? data : data[(newline + 1)..];
    }

    private sealed class Collector
    {
        public List<DmarcAggregateReport> Aggregates { get; } = [];
        public List<TlsReport> Tls { get; } = [];
        public List<DmarcFailureReport> Failures { get; } = [];
        public List<string> Errors { get; } = [];
        public bool IsEmpty => Aggregates.Count == 0 && Tls.Count == 0 && Failures.Count == 0;
    }
}
