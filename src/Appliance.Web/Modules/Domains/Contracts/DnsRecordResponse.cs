namespace Appliance.Web.Modules.Domains.Contracts;

/// <summary>
/// A record to publish with its live status ("pass", "warn", "fail", or null before any check) and explanation.
/// <paramref name="Check"/> names the health check that verifies it ("spf", "dkim:&lt;selector&gt;", "dmarc", ...).
/// </summary>
public sealed record DnsRecordResponse(string Type, string Name, string Value, string Purpose, string? Status = null, string? Explanation = null, string? Check = null);
