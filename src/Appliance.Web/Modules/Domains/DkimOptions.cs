namespace Appliance.Web.Modules.Domains;

/// <summary>Key generation, rotation and DNS check schedule of the domains module ("Appliance:Dkim").</summary>
public sealed class DkimOptions
{
    public const string Section = "Appliance:Dkim";

    /// <summary>RSA modulus size; RFC 8301 §3.2 asks for at least 1024 and recommends 2048.</summary>
    public int RsaBits { get; set; } = 2048;

    /// <summary>Time between scheduled rotations of a domain's keys (M3AAWG recommends at least twice a year).</summary>
    public TimeSpan RotationInterval { get; set; } = TimeSpan.FromDays(90);

    /// <summary>How long the admin has to publish the next key's record before an alert fires.</summary>
    public TimeSpan PublishDeadline { get; set; } = TimeSpan.FromDays(7);

    /// <summary>How long the old selector stays published after the switch, so mail in flight still verifies.</summary>
    public TimeSpan GracePeriod { get; set; } = TimeSpan.FromDays(7);

    /// <summary>How often the rotation job scans every domain (it also checks DNS for pending records).</summary>
    public TimeSpan RotationScanInterval { get; set; } = TimeSpan.FromHours(1);

    /// <summary>How often every domain's DNS health is checked and stored.</summary>
    public TimeSpan HealthCheckInterval { get; set; } = TimeSpan.FromHours(6);

    /// <summary>
    /// Extra public addresses mail leaves from that no egress source binds to (NAT, an external relay). The DNS checks
    /// test each, besides every egress source of the tenant's pools, against the return-path domain's SPF record and
    /// its reverse DNS (PTR with forward confirmation against the host name). IPs or CIDRs (CIDRs count as own
    /// addresses for DMARC reports; only single IPs are DNS-checked).
    /// </summary>
    public List<string> SendingIps { get; set; } = [];

    /// <summary>Check runs kept per domain.</summary>
    public int HealthHistory { get; set; } = 50;

    /// <summary>
    /// Public Suffix List file for organisational domains (DMARC alignment, RFC 7489 §3.2). Null: the system's copy
    /// (/usr/share/publicsuffix/public_suffix_list.dat, Debian package publicsuffix) when present, else an embedded list.
    /// </summary>
    public string? PublicSuffixListFile { get; set; }
}
