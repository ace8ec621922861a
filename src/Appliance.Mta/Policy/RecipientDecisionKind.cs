namespace Appliance.Mta.Policy;

public enum RecipientDecisionKind
{
    /// <summary>No opinion: the next policy, then the normal relay rule, decides.</summary>
    Continue,
    /// <summary>Accept without AUTH as inbound mail for the appliance itself (return path, report address).</summary>
    AcceptInbound,
    /// <summary>Refuse this recipient with the decision's reply.</summary>
    Reject,
}
