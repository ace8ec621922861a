namespace Appliance.Mta.Dns.Dmarc;

/// <summary>A parsed "v=DMARC1" record with the RFC 7489 §6.3 defaults applied.</summary>
public sealed record DmarcRecord
{
    public required DmarcPolicy Policy { get; init; }

    /// <summary>sp=; null means the same as <see cref="Policy"/>.</summary>
    public DmarcPolicy? SubdomainPolicy { get; init; }

    /// <summary>pct= (0..100, default 100).</summary>
    public int Percent { get; init; } = 100;

    public IReadOnlyList<DmarcReportUri> AggregateReportUris { get; init; } = [];

    public IReadOnlyList<DmarcReportUri> FailureReportUris { get; init; } = [];

    public DmarcAlignmentMode DkimAlignment { get; init; } = DmarcAlignmentMode.Relaxed;

    public DmarcAlignmentMode SpfAlignment { get; init; } = DmarcAlignmentMode.Relaxed;

    /// <summary>fo= options ("0", "1", "d", "s"; default "0").</summary>
    public IReadOnlyList<string> FailureOptions { get; init; } = ["0"];

    /// <summary>rf= formats (default "afrf").</summary>
    public IReadOnlyList<string> ReportFormats { get; init; } = ["afrf"];

    /// <summary>ri= seconds between aggregate reports (default 86400).</summary>
    public uint ReportInterval { get; init; } = 86400;
}
