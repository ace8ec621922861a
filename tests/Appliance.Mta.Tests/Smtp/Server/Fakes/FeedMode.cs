namespace Appliance.Mta.Tests.Smtp.Server.Fakes;

/// <summary>How scripted client input reaches the server (MailKit SmtpReplayStream style).</summary>
public enum FeedMode
{
    Whole,
    ByteByByte,
    LineByLine,
}
