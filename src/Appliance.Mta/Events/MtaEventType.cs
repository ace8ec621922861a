namespace Appliance.Mta.Events;

/// <summary>The kinds of event records (KumoMTA log record types).</summary>
public enum MtaEventType
{
    Reception,
    Delivery,
    TransientFailure,
    Bounce,
    Expiration,
    Rejection,
    AdminAction,
}
