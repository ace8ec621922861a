namespace Appliance.Web.Modules.Reports.Entities;

/// <summary>One record of an aggregate report, flattened for queries.</summary>
public sealed class DmarcRecordRow
{
    public long Id { get; set; }
    public long StoredReportId { get; set; }
    public required string SourceIp { get; set; }
    public long Count { get; set; }
    public string? Disposition { get; set; }
    /// <summary>Aligned DKIM passed (policy_evaluated/dkim = pass).</summary>
    public bool DkimPass { get; set; }
    /// <summary>Aligned SPF passed (policy_evaluated/spf = pass).</summary>
    public bool SpfPass { get; set; }
    public bool DmarcPass { get; set; }
    public string? HeaderFrom { get; set; }
    public string? EnvelopeFrom { get; set; }
    /// <summary>"d=example.com s=sel pass; ..." from auth_results.</summary>
    public string DkimAuth { get; set; } = "";
    /// <summary>"mfrom example.com pass; ..." from auth_results.</summary>
    public string SpfAuth { get; set; } = "";
    /// <summary>Why DMARC failed, one reason per line (empty for a pass).</summary>
    public string FailureReasons { get; set; } = "";
}
