namespace Appliance.Mta.Reports.Dmarc;

/// <summary>
/// One row of an aggregate report: messages from one source IP with the same identifiers and results
/// (RFC 7489 Appendix C RecordType). Result words are lower case.
/// </summary>
public sealed record DmarcRecord
{
    public required string SourceIp { get; init; }

    public required long Count { get; init; }

    /// <summary>none, quarantine or reject (RFC 9990 also "pass").</summary>
    public string? Disposition { get; init; }

    /// <summary>policy_evaluated/dkim: "pass" when an aligned DKIM signature verified (RFC 7489 §3.1.1).</summary>
    public string? Dkim { get; init; }

    /// <summary>policy_evaluated/spf: "pass" when SPF passed for an aligned domain (RFC 7489 §3.1.2).</summary>
    public string? Spf { get; init; }

    public IReadOnlyList<DmarcPolicyOverride> Reasons { get; init; } = [];

    public string? HeaderFrom { get; init; }

    public string? EnvelopeFrom { get; init; }

    public string? EnvelopeTo { get; init; }

    public IReadOnlyList<DmarcAuthResult> DkimResults { get; init; } = [];

    public IReadOnlyList<DmarcAuthResult> SpfResults { get; init; } = [];

    /// <summary>RFC 7489 §6.6.2: DMARC passes when either aligned DKIM or aligned SPF passes.</summary>
    public bool DmarcPass => Dkim == "pass" || Spf == "pass";
}
