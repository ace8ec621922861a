namespace Appliance.Mta.DomainHealth;

/// <summary>
/// One check's outcome. <paramref name="Check"/> is one of "spf", "dkim:&lt;selector&gt;", "dmarc",
/// "return-path-mx", "ptr:&lt;ip&gt;", "mta-sts", "tls-rpt", "bimi".
/// <paramref name="Fix"/> is the record to publish when the check is not a pass (null when nothing to publish).
/// </summary>
public sealed record DnsCheckResult(string Check, DnsCheckStatus Status, string Explanation, DnsRecordToPublish? Fix);
