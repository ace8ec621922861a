namespace Appliance.Mta.Dns.Dmarc;

/// <summary>A parsed "v=DMARC1" record with the RFC 7489 §6.3 defaults applied.</summary>
public sealed record DmarcRecord
{
    /// <summary>p=, the policy for the domain itself (required, RFC 7489 §6.3).</summary>
    public required DmarcPolicy Policy { get; init; }

    /// <summary>sp=; null means the same as <see cref="Policy"/>.</summary>
    public DmarcPolicy? SubdomainPolicy { get; init; }

    /// <summary>pct= (0..100, default 100).</summary>
    public int Percent { get; init; } = 100;

    /// <summary>rua=, where aggregate reports go; empty when none are requested.</summary>
    public IReadOnlyList<DmarcReportUri> AggregateReportUris { get; init; } = [];

    /// <summary>ruf=, where failure (forensic) reports go; empty when none are requested.</summary>
    public IReadOnlyList<DmarcReportUri> FailureReportUris { get; init; } = [];

    /// <summary>adkim= (default relaxed).</summary>
    public DmarcAlignmentMode DkimAlignment { get; init; } = DmarcAlignmentMode.Relaxed;

    /// <summary>aspf= (default relaxed).</summary>
    public DmarcAlignmentMode SpfAlignment { get; init; } = DmarcAlignmentMode.Relaxed;

    /// <summary>fo= options ("0", "1", "d", "s"; default "0").</summary>
    public IReadOnlyList<string> FailureOptions { get; init; } = ["0"];

    /// <summary>rf= formats (default "afrf").</summary>
    public IReadOnlyList<string> ReportFormats { get; init; } = ["afrf"];

    /// <summary>ri= seconds between aggregate reports (default 86400).</summary>
    public uint ReportInterval { get; init; } = 86400;
}
