namespace Appliance.Mta.Events;

/// <summary>The kinds of event records (KumoMTA log record types plus the feedback kinds).</summary>
public enum MtaEventType
{
    /// <summary>A recipient was accepted into the queue (250 after DATA, or an API injection).</summary>
    Reception,
    /// <summary>The receiving server accepted the message for a recipient (2xx).</summary>
    Delivery,
    /// <summary>A delivery attempt failed with a transient error; the recipient will be retried.</summary>
    TransientFailure,
    /// <summary>
    /// A recipient failed permanently (5xx, or a transient failure that may not be retried); a DSN may follow.
    /// </summary>
    Bounce,
    /// <summary>
    /// A recipient reached the maximum queue age without delivery (RFC 5321 §4.5.4.1) and was given up.
    /// </summary>
    Expiration,
    /// <summary>
    /// A recipient or message was refused during reception (the SMTP reply or API error that said no).
    /// </summary>
    Rejection,
    /// <summary>
    /// An administrator acted on the queue (suspend, resume, retry, bounce, delete); <see cref="MtaEvent.Detail"/> says
    /// what.
    /// </summary>
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
