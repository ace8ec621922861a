namespace Appliance.Mta.Smtp.Server.Data;

/// <summary>Why received content will be refused once it has been read to its end.</summary>
[Flags]
internal enum ContentViolation
{
    None = 0,
    /// <summary>A bare LF or bare CR (RFC 5321 §2.3.8; SMTP smuggling defence).</summary>
    BareLineEnding = 1,
    /// <summary>A text line over 1000 octets including CRLF (RFC 5321 §4.5.3.1.6).</summary>
    LineTooLong = 2,
    /// <summary>More than the SIZE limit (RFC 1870 §6).</summary>
    TooBig = 4,
    /// <summary>A NUL octet in text content (RFC 5322 §2.3 / RFC 5321 §2.3.8 allow none; a next hop that drops
    /// or truncates at NUL would see other content than was signed and checked). Allowed only in BODY=BINARYMIME.</summary>
    Nul = 8,
}
