namespace Appliance.Mta.Smtp.Server;

/// <summary>Where a session stands in the RFC 5321 §3.3 mail transaction (see <see cref="SmtpStateTable"/>).</summary>
internal enum SmtpSessionState
{
    /// <summary>Greeting sent; waiting for EHLO/HELO (also right after STARTTLS, RFC 3207 §4.2).</summary>
    Connected,
    /// <summary>EHLO/HELO done; no mail transaction.</summary>
    Ready,
    /// <summary>MAIL accepted; no recipient yet.</summary>
    MailGiven,
    /// <summary>At least one RCPT accepted.</summary>
    RcptGiven,
    /// <summary>A BDAT chunk without LAST was received (RFC 3030 §2).</summary>
    Chunking,
}
