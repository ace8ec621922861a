namespace Appliance.Web.Modules.TlsReporting.Entities;

/// <summary>One attempt to deliver a day's TLS report for a policy domain to one rua destination (or the finding
/// that the domain publishes no TLS-RPT record).</summary>
public sealed class TlsReportDelivery
{
    public const string Sent = "sent";
    public const string Failed = "failed";
    public const string NoRecord = "no-record";

    public long Id { get; set; }

    public required string Day { get; set; }

    public required string PolicyDomain { get; set; }

    /// <summary>The rua URI; empty for <see cref="NoRecord"/>.</summary>
    public required string Destination { get; set; }

    public required string ReportId { get; set; }

    public DateTimeOffset AttemptedAt { get; set; }

    /// <summary><see cref="Sent"/>, <see cref="Failed"/> or <see cref="NoRecord"/>.</summary>
    public required string Outcome { get; set; }

    public string? Detail { get; set; }
}
