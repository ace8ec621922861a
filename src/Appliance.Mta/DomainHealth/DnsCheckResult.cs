namespace Appliance.Mta.DomainHealth;

/// <summary>
/// One check's outcome. <paramref name="Check"/> is one of "spf" (summary), "spf:&lt;source&gt;" (one per sending
/// source), "dkim:&lt;selector&gt;", "dmarc", "return-path-mx", "ptr:&lt;ip&gt;" (one per source; "ptr" when there is
/// none), "mta-sts", "tls-rpt", "bimi".
/// <paramref name="Fix"/> is the record to publish when the check is not a pass (null when nothing to publish).
/// </summary>
public sealed record DnsCheckResult(string Check, DnsCheckStatus Status, string Explanation, DnsRecordToPublish? Fix);
