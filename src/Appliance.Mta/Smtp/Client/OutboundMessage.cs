using Appliance.Mta.Messages;
namespace Appliance.Mta.Smtp.Client;

/// <summary>
/// One transaction to send: envelope and the spooled bytes (CRLF lines, not dot-stuffed) sent exactly as given.
/// </summary>
public sealed record OutboundMessage(
    string MailFrom,
    IReadOnlyList<EnvelopeRecipient> Recipients,
    ReadOnlyMemory<byte> Content,
    string? EnvId,
    DsnReturn Ret,
    BodyType Body,
    bool SmtpUtf8);
