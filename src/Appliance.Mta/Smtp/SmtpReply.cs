namespace Appliance.Mta.Smtp;

/// <summary>
/// A complete SMTP reply (RFC 5321 §4.2): a three-digit code, an optional RFC 3463 enhanced
/// status code (RFC 2034) and one or more text lines. Used by the server to answer and by the
/// client to report what a peer said.
/// </summary>
public sealed record SmtpReply(int Code, EnhancedStatusCode? Enhanced, IReadOnlyList<string> Lines)
{
    /// <summary>
    /// A one-line reply: <paramref name="code"/>, an optional enhanced code and <paramref name="text"/>.
    /// </summary>
    public SmtpReply(int code, EnhancedStatusCode? enhanced, string text) : this(code, enhanced, [text]) { }

    /// <summary>
    /// A one-line reply with the enhanced code written as text ("5.1.1"); throws <see cref="FormatException"/> when it
    /// is not one.
    /// </summary>
    public SmtpReply(int code, string enhanced, string text) : this(code, EnhancedStatusCode.Parse(enhanced), [text]) { }

    /// <summary>2yz or 3yz: success or an intermediate reply (RFC 5321 §4.2.1).</summary>
    public bool IsPositive => Code is >= 200 and < 400;
    /// <summary>4yz: transient negative completion; the command may succeed later.</summary>
    public bool IsTransient => Code is >= 400 and < 500;
    /// <summary>5yz (and any code above): permanent negative completion; do not repeat the same request.</summary>
    public bool IsPermanent => Code >= 500;

    /// <summary>All lines joined by a space, without code: for logs and events.</summary>
    public string Text => string.Join(" ", Lines);

    /// <summary>One-line form "250 2.0.0 text" for events and DSN Diagnostic-Code.</summary>
    public override string ToString() =>
        Enhanced is { } e ? $"{Code} {e} {Text}" : $"{Code} {Text}";

    /// <summary>Wire form: each line "ddd-..." except the last "ddd ...", CRLF terminated.</summary>
    public string ToWire()
    {
        var sb = new System.Text.StringBuilder();
        for (var i = 0; i < Lines.Count; i++)
        {
            sb.Append(Code).Append(i == Lines.Count - 1 ? ' ' : '-');
            if (Enhanced is { } e) sb.Append(e).Append(' ');
            sb.Append(Lines[i]).Append("\r\n");
        }
        return sb.ToString();
    }
}
