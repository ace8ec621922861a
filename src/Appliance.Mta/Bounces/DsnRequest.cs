using Appliance.Mta.Messages;
namespace Appliance.Mta.Bounces;

/// <summary>Everything <see cref="DsnComposer"/> needs to report on one original message.</summary>
public sealed record DsnRequest(
    MessageEnvelope Original,
    string OriginalQueueId,
    ReadOnlyMemory<byte> OriginalContent,
    IReadOnlyList<DsnRecipientStatus> Recipients,
    string ReportingMta,
    DateTimeOffset Now,
    DsnKind Kind);
