using Appliance.Mta.Smtp;

namespace Appliance.Mta.Reception;

/// <summary>A filter's answer: go on to the next step, or stop here and answer the client with <see cref="Reply"/>
/// (a rejection, or a 250 for mail the filter fully handled, such as an inbound bounce).</summary>
public readonly record struct ReceptionVerdict(SmtpReply? Reply)
{
    /// <summary>Go on to the next step.</summary>
    public static ReceptionVerdict Continue => default;

    /// <summary>End the reception here and answer the client with <paramref name="reply"/>.</summary>
    public static ReceptionVerdict Stop(SmtpReply reply) => new(reply);

    /// <summary>True when the reception ends here.</summary>
    public bool IsStop => Reply is not null;
}
