namespace Appliance.Web.Modules.Inspection;

/// <summary>A retained message taken apart for the message page: its header fields, text body, HTML body and attachments.</summary>
public sealed record MessageContentParts(IReadOnlyList<KeyValuePair<string, string>> Headers, string? Text, string? Html, IReadOnlyList<MessageAttachment> Attachments)
{
    /// <summary>Reads <paramref name="content"/> with MimeKit; a content that is not MIME still shows its header fields and text.</summary>
    public static MessageContentParts Parse(byte[] content)
    {
        using var stream = new MemoryStream(content, writable: false);
        var message = MimeKit.MimeMessage.Load(stream);
        var headers = message.Headers.Select(h => new KeyValuePair<string, string>(h.Field, h.Value)).ToList();
        var attachments = new List<MessageAttachment>();
        foreach (var entity in message.Attachments)
        {
            var type = entity.ContentType.MimeType;
            switch (entity)
            {
                case MimeKit.MimePart part:
                    using (var measure = new MimeKit.IO.MeasuringStream())
                    {
                        part.Content?.DecodeTo(measure);
                        attachments.Add(new MessageAttachment(part.FileName ?? "(unnamed)", type, measure.Length));
                    }
                    break;
                case MimeKit.MessagePart rfc822:
                    using (var measure = new MimeKit.IO.MeasuringStream())
                    {
                        rfc822.Message?.WriteTo(measure);
                        attachments.Add(new MessageAttachment(rfc822.ContentDisposition?.FileName ?? rfc822.Message?.Subject ?? "(message)", type, measure.Length));
                    }
                    break;
            }
        }
        return new MessageContentParts(headers, message.TextBody, message.HtmlBody, attachments);
    }
}
