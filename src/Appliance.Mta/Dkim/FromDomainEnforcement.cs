namespace Appliance.Mta.Dkim;

/// <summary>What happens to a message whose From: domain the tenant does not own.</summary>
public enum FromDomainEnforcement
{
    /// <summary>Send it unsigned.</summary>
    Off,
    /// <summary>Send it, signing only messages from owned domains (the same as Off for delivery, but reported).</summary>
    SignOwnOnly,
    /// <summary>Refuse it at the end of DATA with 550 5.7.1.</summary>
    Reject,
}
