namespace Appliance.Web.Modules.Reports.Entities;

/// <summary>How a report reached the appliance.</summary>
public enum ReportChannel
{
    /// <summary>Mailed to a report address at a domain the appliance is MX for.</summary>
    Mail,
    /// <summary>Fetched from an external mailbox by the IMAP poller.</summary>
    Imap,
    /// <summary>Uploaded in the UI or through POST /api/v1/reports.</summary>
    Upload,
}
