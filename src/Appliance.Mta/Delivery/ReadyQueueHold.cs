using Appliance.Mta.Smtp;

namespace Appliance.Mta.Delivery;

/// <summary>A ready queue's hold after every host of its site refused: the reply items get, and until when.</summary>
public sealed record ReadyQueueHold(SmtpReply Reply, DateTimeOffset Until);
