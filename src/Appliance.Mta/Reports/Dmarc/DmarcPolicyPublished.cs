namespace Appliance.Mta.Reports.Dmarc;

/// <summary>The DMARC record the receiver found (RFC 7489 Appendix C PolicyPublishedType); words lower case.</summary>
public sealed record DmarcPolicyPublished
{
    public string Domain { get; init; } = "";
    public string? Adkim { get; init; }
    public string? Aspf { get; init; }
    public string? P { get; init; }
    public string? Sp { get; init; }
    /// <summary>RFC 9990 np= (non-existent subdomains).</summary>
    public string? Np { get; init; }
    /// <summary>pct= (RFC 7489 only; DMARCbis dropped it).</summary>
    public int? Pct { get; init; }
    public string? Fo { get; init; }
}
