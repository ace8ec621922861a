using Appliance.Mta.Smtp;

namespace Appliance.Mta.Reception;

/// <summary>A filter's answer: go on to the next step, or stop here and answer the client with <see cref="Reply"/>
/// (a rejection, or a 250 for mail the filter fully handled, such as an inbound bounce).</summary>
public readonly record struct ReceptionVerdict(SmtpReply? Reply)
{
    public static ReceptionVerdict Continue => default;

    public static ReceptionVerdict Stop(SmtpReply reply) => new(reply);

    public bool IsStop => Reply is not null;
}
