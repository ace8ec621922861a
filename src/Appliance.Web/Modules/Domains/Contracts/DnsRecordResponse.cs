namespace Appliance.Web.Modules.Domains.Contracts;

/// <summary>A record to publish with its live status ("pass", "warn", "fail", or null before any check) and explanation.</summary>
public sealed record DnsRecordResponse(string Type, string Name, string Value, string Purpose, string? Status = null, string? Explanation = null);
