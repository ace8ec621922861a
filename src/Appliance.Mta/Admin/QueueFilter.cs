namespace Appliance.Mta.Admin;

/// <summary>Selects queued messages for bulk operations; null fields match everything. Domain and Site match case-insensitively.</summary>
public sealed record QueueFilter(string? Tenant = null, string? Campaign = null, string? Domain = null, string? Site = null, string? MessageId = null);
