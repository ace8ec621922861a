namespace Appliance.Web.Modules.TlsReporting;

/// <summary>TLS-RPT sending (RFC 8460), section "Appliance:TlsReporting".</summary>
public sealed class TlsReportingOptions
{
    public const string Section = "Appliance:TlsReporting";

    /// <summary>Send daily reports to destination domains that publish a TLS-RPT record (default on).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Submitter domain (TLS-Report-Submitter, file name); default Appliance:Hostname.</summary>
    public string? SubmitterDomain { get; set; }

    /// <summary>organization-name; default the submitter domain.</summary>
    public string? OrganizationName { get; set; }

    /// <summary>contact-info; default postmaster@submitter.</summary>
    public string? ContactInfo { get; set; }

    /// <summary>From and envelope sender of mailed reports; default tlsrpt-noreply@submitter.</summary>
    public string? FromAddress { get; set; }

    /// <summary>Tenant the mailed reports are queued under; default Appliance:DefaultTenant.</summary>
    public string? TenantId { get; set; }

    /// <summary>How often the engine's in-memory outcomes are written to the database.</summary>
    public TimeSpan FlushInterval { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How often the sender looks for finished UTC days not yet reported (each day is reported once;
    /// failed destinations are retried at the next run).</summary>
    public TimeSpan SendInterval { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Days older than this are no longer reported.</summary>
    public int MaxReportAgeDays { get; set; } = 7;
}
