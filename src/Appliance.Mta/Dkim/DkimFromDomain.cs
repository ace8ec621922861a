using System.Globalization;
using MimeKit;

namespace Appliance.Mta.Dkim;

/// <summary>The author domain that a signature aligns with (RFC 7489 §3.1: the RFC5322.From domain).</summary>
public static class DkimFromDomain
{
    private static readonly IdnMapping Idn = new() { UseStd3AsciiRules = true };

    /// <summary>
    /// The domain of the first mailbox of the first From field, lower-case, internationalised labels as A-labels
    /// (RFC 5890 §2.3.2.1); null when there is no From field or no parseable mailbox in it.
    /// </summary>
    public static string? Find(DkimParsedMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        var index = message.IndexOf("From");
        if (index < 0) return null;
        // Only the From field's value goes through MimeKit's address parser (RFC 5322 §3.4: display names, quoted
        // strings, comments, groups, encoded words); nothing else of the message is parsed.
        var field = message.Field(index);
        var value = message.HeaderBlock.Slice(field.Start + field.NameLength + 1, field.Length - field.NameLength - 1);
        var bytes = System.Runtime.InteropServices.MemoryMarshal.TryGetArray(value, out var segment) ? segment : new ArraySegment<byte>(value.ToArray());
        if (!InternetAddressList.TryParse(ParserOptions.Default, bytes.Array!, bytes.Offset, bytes.Count, out var addresses)) return null;
        var mailbox = addresses.Mailboxes.FirstOrDefault();
        return mailbox is null ? null : Normalize(mailbox.Domain);
    }

    /// <summary>A domain as an A-label string in lower case; null when it is not a valid host name.</summary>
    public static string? Normalize(string? domain)
    {
        if (string.IsNullOrWhiteSpace(domain)) return null;
        var trimmed = domain.Trim().TrimEnd('.');
        if (trimmed.Length == 0 || trimmed.StartsWith('[')) return null; // address literals have no DKIM key
        try
        {
            return Idn.GetAscii(trimmed).ToLowerInvariant();
        }
        catch (ArgumentException)
        {
            return null;
        }
    }
}
