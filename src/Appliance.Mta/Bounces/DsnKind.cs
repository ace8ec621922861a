namespace Appliance.Mta.Bounces;

/// <summary>RFC 3464 §2.3.3 Action of the recipients in one DSN.</summary>
public enum DsnKind
{
    /// <summary>Action: failed ("Undelivered Mail Returned to Sender").</summary>
    Failure = 0,
    /// <summary>Action: delayed (a warning; delivery continues).</summary>
    Delay = 1,
}
