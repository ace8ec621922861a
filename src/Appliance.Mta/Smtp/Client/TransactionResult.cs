namespace Appliance.Mta.Smtp.Client;

/// <summary>
/// Outcome of one transaction. <see cref="PerRecipient"/> is in the order of the message's recipients: the RCPT
/// reply when RCPT was refused, else the reply that settled it (final DATA reply, a 421, or a synthesized 451 4.4.2
/// when the link broke). Classify each with <see cref="ReplyClassifier"/>.
/// </summary>
public sealed record TransactionResult(IReadOnlyList<SmtpReply> PerRecipient, SmtpReply? MailReply, SmtpReply? DataReply, bool LinkBroken);
