using System.Text;
using Appliance.Web.Api.Contracts;
using MimeKit;
using MimeKit.Utils;

namespace Appliance.Web.Api;

/// <summary>
/// Turns an injection request into message bytes: parses a raw RFC 5322 message or composes one with MimeKit,
/// adds Date and Message-ID when missing (as RFC 6409 §8.2-8.3 lets a submission server do), and takes the
/// X-Campaign and X-Stream headers out (they are envelope metadata, not content).
/// </summary>
public static class InjectedMessageBuilder
{
    public const string CampaignHeader = "X-Campaign";
    public const string StreamHeader = "X-Stream";

    /// <summary>Headers the structured form sets itself and a caller may not override through "headers".</summary>
    private static readonly HashSet<string> ReservedHeaders = new(StringComparer.OrdinalIgnoreCase)
    {
        "From", "To", "Cc", "Subject", "Bcc", "MIME-Version", "Content-Type", "Content-Transfer-Encoding", "Content-Disposition",
    };

    /// <param name="hostname">The appliance's current hostname (Appliance:Hostname or the setup wizard's), the right-hand
    /// side of a generated Message-ID; null falls back to MimeKit's default, the machine's DNS name.</param>
    public static InjectedMessage Build(InjectMessageRequest request, DateTimeOffset now, ValidationErrors errors, string? hostname = null)
    {
        var message = request.Raw is not null ? ParseRaw(request.Raw, errors) : Compose(request, errors);
        if (message is null || !errors.IsValid) return new InjectedMessage([], null, null, null, false, false);

        // RFC 5322 §3.6: Date and From are required; Message-ID should be present.
        if (!message.Headers.Contains(HeaderId.Date)) message.Date = now;
        // RFC 5322 §3.6.4: the id's right-hand side names the host that made it, the appliance's name, not the machine's.
        if (string.IsNullOrEmpty(message.MessageId))
            message.MessageId = string.IsNullOrEmpty(hostname) ? MimeUtils.GenerateMessageId() : MimeUtils.GenerateMessageId(hostname);

        var campaign = Take(message, CampaignHeader) ?? request.Campaign;
        var stream = Take(message, StreamHeader) ?? request.Stream;

        var format = FormatOptions.Default.Clone();
        format.NewLineFormat = NewLineFormat.Dos;
        format.International = true;
        using var buffer = new MemoryStream();
        message.WriteTo(format, buffer);
        var bytes = buffer.ToArray();
        var headerEnd = IndexOfHeaderEnd(bytes);
        return new InjectedMessage(
            bytes,
            message.MessageId,
            campaign,
            stream,
            HasEightBit: bytes.Any(b => b >= 0x80),
            HasUtf8Headers: bytes.AsSpan(0, headerEnd).IndexOfAnyInRange((byte)0x80, (byte)0xff) >= 0);
    }

    private static MimeMessage? ParseRaw(string raw, ValidationErrors errors)
    {
        // RFC 5322 §2.1: lines end in CRLF; bare LF from JSON clients is normalised.
        var text = raw.Replace("\r\n", "\n", StringComparison.Ordinal).Replace("\n", "\r\n", StringComparison.Ordinal);
        try
        {
            using var stream = new MemoryStream(Encoding.UTF8.GetBytes(text));
            var message = MimeMessage.Load(stream);
            if (message.Headers.Count == 0 || !message.Headers.Contains(HeaderId.From))
            {
                errors.Add("raw", "The raw message must start with RFC 5322 headers including From.");
                return null;
            }
            return message;
        }
        catch (FormatException)
        {
            errors.Add("raw", "The raw message is not an RFC 5322 message.");
            return null;
        }
    }

    private static MimeMessage? Compose(InjectMessageRequest request, ValidationErrors errors)
    {
        if (string.IsNullOrEmpty(request.From)) errors.Add("from", "A composed message needs a From address.");
        if (request.Text is null && request.Html is null) errors.Add("text", "Give raw, or text and/or html.");
        foreach (var (name, value) in request.Headers ?? new Dictionary<string, string>())
        {
            // RFC 5322 §3.6.8: field-name is printable US-ASCII except colon.
            if (name.Length == 0 || name.Any(c => c is < '!' or > '~' or ':')) errors.Add("headers", $"'{name}' is not a valid header name.");
            else if (ReservedHeaders.Contains(name) || name.StartsWith("Content-", StringComparison.OrdinalIgnoreCase)) errors.Add("headers", $"'{name}' is set by the API and cannot be given in headers.");
            else if (value.Contains('\r', StringComparison.Ordinal) || value.Contains('\n', StringComparison.Ordinal)) errors.Add("headers", $"The value of '{name}' must be one line.");
        }
        if (!errors.IsValid) return null;

        var message = new MimeMessage();
        message.From.Add(MailboxAddress.Parse(request.From!));
        foreach (var to in request.To ?? []) message.To.Add(MailboxAddress.Parse(to));
        // Cc recipients are listed in the header; Bcc recipients are only in the envelope (RFC 5322 §3.6.3).
        foreach (var cc in request.Cc ?? []) message.Cc.Add(MailboxAddress.Parse(cc));
        message.Subject = (request.Subject ?? "").ReplaceLineEndings(" ");
        foreach (var (name, value) in request.Headers ?? new Dictionary<string, string>())
        {
            message.Headers.Replace(name, value);
        }
        var body = new BodyBuilder { TextBody = request.Text, HtmlBody = request.Html };
        if (!InjectedAttachments.AddTo(body, request.Attachments, errors)) return null;
        message.Body = body.ToMessageBody();
        return message;
    }

    private static string? Take(MimeMessage message, string header)
    {
        var value = message.Headers[header]?.Trim();
        message.Headers.RemoveAll(header);
        return string.IsNullOrEmpty(value) ? null : value;
    }

    private static int IndexOfHeaderEnd(byte[] bytes)
    {
        var end = bytes.AsSpan().IndexOf("\r\n\r\n"u8);
        return end < 0 ? bytes.Length : end;
    }
}
