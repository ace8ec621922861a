namespace Appliance.Mta.Smtp.Server;

/// <summary>The SMTP verbs the server recognises (RFC 5321 §4.1.1, RFC 3207, RFC 4954, RFC 3030).</summary>
internal enum SmtpCommand
{
    Unknown = 0,
    Ehlo,
    Helo,
    Mail,
    Rcpt,
    Data,
    Bdat,
    Rset,
    Noop,
    Quit,
    Vrfy,
    Help,
    StartTls,
    Auth,
    Expn,
}
