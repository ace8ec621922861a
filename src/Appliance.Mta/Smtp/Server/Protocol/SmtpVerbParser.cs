using System.Text;

namespace Appliance.Mta.Smtp.Server.Protocol;

/// <summary>Recognises the verb of a command line from its bytes without allocating (RFC 5321 §4.1.1: verbs are case-insensitive).</summary>
internal static class SmtpVerbParser
{
    /// <summary>Returns the verb; <paramref name="args"/> is what follows the single SP after it (empty when none).</summary>
    public static SmtpCommand Parse(ReadOnlySpan<byte> line, out ReadOnlySpan<byte> args)
    {
        var space = line.IndexOf((byte)' ');
        var verb = space < 0 ? line : line[..space];
        args = space < 0 ? default : line[(space + 1)..];
        return verb.Length switch
        {
            4 when Ascii.EqualsIgnoreCase(verb, "EHLO"u8) => SmtpCommand.Ehlo,
            4 when Ascii.EqualsIgnoreCase(verb, "HELO"u8) => SmtpCommand.Helo,
            4 when Ascii.EqualsIgnoreCase(verb, "MAIL"u8) => SmtpCommand.Mail,
            4 when Ascii.EqualsIgnoreCase(verb, "RCPT"u8) => SmtpCommand.Rcpt,
            4 when Ascii.EqualsIgnoreCase(verb, "DATA"u8) => SmtpCommand.Data,
            4 when Ascii.EqualsIgnoreCase(verb, "BDAT"u8) => SmtpCommand.Bdat,
            4 when Ascii.EqualsIgnoreCase(verb, "RSET"u8) => SmtpCommand.Rset,
            4 when Ascii.EqualsIgnoreCase(verb, "NOOP"u8) => SmtpCommand.Noop,
            4 when Ascii.EqualsIgnoreCase(verb, "QUIT"u8) => SmtpCommand.Quit,
            4 when Ascii.EqualsIgnoreCase(verb, "VRFY"u8) => SmtpCommand.Vrfy,
            4 when Ascii.EqualsIgnoreCase(verb, "HELP"u8) => SmtpCommand.Help,
            4 when Ascii.EqualsIgnoreCase(verb, "AUTH"u8) => SmtpCommand.Auth,
            4 when Ascii.EqualsIgnoreCase(verb, "EXPN"u8) => SmtpCommand.Expn,
            8 when Ascii.EqualsIgnoreCase(verb, "STARTTLS"u8) => SmtpCommand.StartTls,
            _ => SmtpCommand.Unknown,
        };
    }

    /// <summary>
    /// Decodes command arguments as UTF-8 (RFC 6531 allows UTF-8 in MAIL/RCPT). False for
    /// ill-formed UTF-8 or control characters other than SP/HT.
    /// </summary>
    public static bool TryDecodeArgs(ReadOnlySpan<byte> args, out string text)
    {
        text = "";
        if (!System.Text.Unicode.Utf8.IsValid(args)) return false;
        foreach (var b in args)
            if (b < 0x20 && b != (byte)'\t' || b == 0x7F) return false;
        text = Encoding.UTF8.GetString(args);
        return true;
    }
}
