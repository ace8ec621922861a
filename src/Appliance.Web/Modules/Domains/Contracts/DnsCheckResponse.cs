namespace Appliance.Web.Modules.Domains.Contracts;

/// <summary>One live check: name ("spf", "dkim:&lt;selector&gt;", ...), status (pass, warn, fail), why, and the record to publish.</summary>
public sealed record DnsCheckResponse(string Check, string Status, string Explanation, DnsRecordResponse? Fix);
