namespace Appliance.Mta.Reports.Dmarc;

/// <summary>The DMARC record the receiver found (RFC 7489 Appendix C PolicyPublishedType); words lower case.</summary>
public sealed record DmarcPolicyPublished
{
    /// <summary>The domain the policy was found at (policy_published/domain).</summary>
    public string Domain { get; init; } = "";
    /// <summary>adkim= as reported: "r" or "s"; null when absent (relaxed).</summary>
    public string? Adkim { get; init; }
    /// <summary>aspf= as reported: "r" or "s"; null when absent (relaxed).</summary>
    public string? Aspf { get; init; }
    /// <summary>p=: none, quarantine or reject.</summary>
    public string? P { get; init; }
    /// <summary>sp=, the subdomain policy; null when absent (same as p=).</summary>
    public string? Sp { get; init; }
    /// <summary>RFC 9990 np= (non-existent subdomains).</summary>
    public string? Np { get; init; }
    /// <summary>pct= (RFC 7489 only; DMARCbis dropped it).</summary>
    public int? Pct { get; init; }
    /// <summary>fo=, the failure reporting options ("0", "1", "d", "s"); null when absent.</summary>
    public string? Fo { get; init; }
}
