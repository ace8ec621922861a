using MimeKit;

namespace Appliance.Mta.Bounces.Parsing;

/// <summary>
/// Standard DSNs (RFC 3464): the message/delivery-status part (anywhere in the message, since some MTAs wrap it in
/// multipart/mixed) gives one recipient per per-recipient block.
/// </summary>
internal static class DeliveryStatusReader
{
    public static List<BouncedRecipient>? Read(MimeMessage message, string humanText)
    {
        var part = StatusPart(message);
        string statusText;
        if (part is not null) statusText = MimeText.Decode(part);
        else if (InlineFields(humanText) is { } inline) statusText = inline;
        else if (ForwardedReport(message) is { } forwarded) return Read(forwarded, MimeText.HumanText(forwarded));
        else return null;
        var blocks = FieldBlocks.Parse(statusText);
        var recipients = new List<BouncedRecipient>();
        foreach (var block in blocks)
        {
            // RFC 3464 §2.3.2: Final-Recipient is required; Original-Recipient when the MTA lost it.
            // RFC 3464 §2.3.2: Final-Recipient; when it is not an Internet address (an X.400 gateway's form, a local
            // name), Original-Recipient (§2.3.1, the address as the sender gave it) when that one is.
            var address = RfcAddress(FieldBlocks.Get(block, "Final-Recipient"))
                ?? RfcAddress(FieldBlocks.Get(block, "Original-Recipient"))
                ?? FieldBlocks.StripType(FieldBlocks.Get(block, "Final-Recipient"))
                ?? FieldBlocks.StripType(FieldBlocks.Get(block, "Original-Recipient"))
                ?? FieldBlocks.StripType(FieldBlocks.Get(block, "X-Actual-Recipient"));
            if (address is null) continue;
            var diagnostic = FieldBlocks.StripType(FieldBlocks.Get(block, "Diagnostic-Code"));
            var status = FieldBlocks.Get(block, "Status") is { } s ? StatusText.EnhancedCode(s) ?? s.Split(' ')[0] : null;
            var action = (FieldBlocks.Get(block, "Action") ?? "failed").Split([' ', '('], 2)[0].ToLowerInvariant();
            if (string.IsNullOrWhiteSpace(diagnostic)) diagnostic = HumanTextNear(humanText, address);
            recipients.Add(new BouncedRecipient(address, status ?? StatusText.EnhancedCode(diagnostic), StatusText.ReplyCode(diagnostic), diagnostic, action));
        }
        return recipients;
    }

    private static MimeEntity? StatusPart(MimeMessage message) => message.BodyParts.FirstOrDefault(p =>
        p.ContentType.IsMimeType("message", "delivery-status") || p.ContentType.IsMimeType("message", "global-delivery-status")
        || p.ContentType.IsMimeType("text", "delivery-status"));

    /// <summary>
    /// A DSN forwarded as an attachment (a gateway wraps the multipart/report it received in message/rfc822): the
    /// attached message, when it is itself a delivery-status report (RFC 3462 §1 report-type). One level only.
    /// </summary>
    private static MimeMessage? ForwardedReport(MimeMessage message) =>
        message.BodyParts.OfType<MessagePart>().Select(p => p.Message).FirstOrDefault(m =>
            m?.Body is MultipartReport { ReportType: { } type } && type.Contains("delivery-status", StringComparison.OrdinalIgnoreCase)
            && StatusPart(m) is not null);

    private static string? RfcAddress(string? field)
    {
        if (field is null || !field.TrimStart().StartsWith("rfc822", StringComparison.OrdinalIgnoreCase)) return null;
        var address = FieldBlocks.StripType(field);
        var at = address?.LastIndexOf('@') ?? -1;
        return at > 0 && address!.IndexOf('.', at) > at ? address : null;
    }

    /// <summary>
    /// A delivery-status body that lost its MIME part (mangled boundary, or pasted into a text part): the text from
    /// the first "Reporting-MTA:" or "Final-Recipient:" line at the start of a line.
    /// </summary>
    private static string? InlineFields(string text)
    {
        var m = System.Text.RegularExpressions.Regex.Match(text, @"^(Reporting-MTA|Final-Recipient):", System.Text.RegularExpressions.RegexOptions.Multiline
            | System.Text.RegularExpressions.RegexOptions.IgnoreCase, TimeSpan.FromSeconds(1));
        if (!m.Success) return null;
        var rest = text[m.Index..];
        var end = System.Text.RegularExpressions.Regex.Match(rest, @"^(--|Content-Type:)", System.Text.RegularExpressions.RegexOptions.Multiline
            | System.Text.RegularExpressions.RegexOptions.IgnoreCase, TimeSpan.FromSeconds(1));
        return end.Success && end.Index > 0 ? rest[..end.Index] : rest;
    }

    /// <summary>When the DSN carries no Diagnostic-Code, the human-readable part's words about the address.</summary>
    private static string? HumanTextNear(string humanText, string address)
    {
        var window = PlainTextBounceReader.WindowAfter(humanText, address);
        return string.IsNullOrWhiteSpace(window) ? null : window;
    }
}
