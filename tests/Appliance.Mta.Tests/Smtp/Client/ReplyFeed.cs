namespace Appliance.Mta.Tests.Smtp.Client;

/// <summary>How the scripted server writes each reply (MailKit SmtpResponseMode style).</summary>
public enum ReplyFeed
{
    Whole,
    ByteByByte,
}
