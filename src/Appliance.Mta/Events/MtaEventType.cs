namespace Appliance.Mta.Events;

/// <summary>The kinds of event records (KumoMTA log record types plus the feedback kinds).</summary>
public enum MtaEventType
{
    Reception,
    Delivery,
    TransientFailure,
    Bounce,
    Expiration,
    Rejection,
    AdminAction,
    /// <summary>An out-of-band bounce (a DSN or non-standard bounce mailed back to a return path).</summary>
    Oob,
    /// <summary>A complaint from a feedback loop (ARF, RFC 5965).</summary>
    Feedback,
    /// <summary>A recipient unsubscribed (RFC 8058 one-click or a List-Unsubscribe mail).</summary>
    Unsubscribe,
    /// <summary>A suppression was added, removed, or a recipient was dropped because it is suppressed.</summary>
    Suppression,
    /// <summary>An operational alert (DKIM record not published, disk low, webhook endpoint disabled, ...).</summary>
    Alert,
}
