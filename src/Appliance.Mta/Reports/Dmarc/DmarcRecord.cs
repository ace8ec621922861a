namespace Appliance.Mta.Reports.Dmarc;

/// <summary>
/// One row of an aggregate report: messages from one source IP with the same identifiers and results
/// (RFC 7489 Appendix C RecordType). Result words are lower case.
/// </summary>
public sealed record DmarcRecord
{
    /// <summary>row/source_ip: the sending IP address as text.</summary>
    public required string SourceIp { get; init; }

    /// <summary>row/count: messages this row covers.</summary>
    public required long Count { get; init; }

    /// <summary>none, quarantine or reject (RFC 9990 also "pass").</summary>
    public string? Disposition { get; init; }

    /// <summary>policy_evaluated/dkim: "pass" when an aligned DKIM signature verified (RFC 7489 §3.1.1).</summary>
    public string? Dkim { get; init; }

    /// <summary>policy_evaluated/spf: "pass" when SPF passed for an aligned domain (RFC 7489 §3.1.2).</summary>
    public string? Spf { get; init; }

    /// <summary>
    /// policy_evaluated/reason: why the receiver applied another disposition than the policy (forwarded, mailing list,
    /// ...).
    /// </summary>
    public IReadOnlyList<DmarcPolicyOverride> Reasons { get; init; } = [];

    /// <summary>identifiers/header_from: the RFC 5322 From: domain; null when missing.</summary>
    public string? HeaderFrom { get; init; }

    /// <summary>
    /// identifiers/envelope_from: the MAIL FROM domain (RFC 9990, often present in RFC 7489 reports too); null when
    /// missing.
    /// </summary>
    public string? EnvelopeFrom { get; init; }

    /// <summary>identifiers/envelope_to: the recipient domain; null when missing.</summary>
    public string? EnvelopeTo { get; init; }

    /// <summary>auth_results/dkim: each DKIM signature's domain and result (not necessarily aligned).</summary>
    public IReadOnlyList<DmarcAuthResult> DkimResults { get; init; } = [];

    /// <summary>auth_results/spf: the SPF checks' domain, scope and result (not necessarily aligned).</summary>
    public IReadOnlyList<DmarcAuthResult> SpfResults { get; init; } = [];

    /// <summary>RFC 7489 §6.6.2: DMARC passes when either aligned DKIM or aligned SPF passes.</summary>
    public bool DmarcPass => Dkim == "pass" || Spf == "pass";
}
