namespace Appliance.Mta.Policy;

/// <summary>What a recipient policy decided (<see cref="RecipientDecision.Kind"/>).</summary>
public enum RecipientDecisionKind
{
    /// <summary>No opinion: the next policy, then the normal relay rule, decides.</summary>
    Continue,
    /// <summary>Accept without AUTH as inbound mail for the appliance itself (return path, report address).</summary>
    AcceptInbound,
    /// <summary>Refuse this recipient with the decision's reply.</summary>
    Reject,
}
