using Appliance.Mta.Messages;
using Appliance.Mta.Smtp;

namespace Appliance.Mta.Bounces;

/// <summary>One recipient to report: the reply that settled it (or the last one), the remote MTA that said it, and when.</summary>
public sealed record DsnRecipientStatus(EnvelopeRecipient Recipient, SmtpReply Reply, string? RemoteMta, DateTimeOffset? LastAttempt);
