namespace Appliance.Web.Modules.TlsReporting.Entities;

/// <summary>Sessions of one UTC day towards one policy domain with one outcome: "success" or an RFC 8460 §4.3
/// result type, per receiving MX and sending address ("" when not known).</summary>
public sealed class TlsOutcomeCount
{
    public const string Success = "success";

    public long Id { get; set; }

    /// <summary>UTC day, yyyy-MM-dd.</summary>
    public required string Day { get; set; }

    public required string PolicyDomain { get; set; }

    public required string PolicyType { get; set; }

    public required string ResultType { get; set; }

    public string ReceivingMx { get; set; } = "";

    /// <summary>The egress address the sessions left from ("" when the kernel chose it): RFC 8460 sending-mta-ip.</summary>
    public string SendingIp { get; set; } = "";

    public long Count { get; set; }
}
