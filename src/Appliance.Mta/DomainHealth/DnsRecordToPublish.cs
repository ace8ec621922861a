namespace Appliance.Mta.DomainHealth;

/// <summary>A DNS record the admin should publish (or change to), e.g. ("TXT", "example.com", "v=spf1 ...", "SPF").</summary>
public sealed record DnsRecordToPublish(string Type, string Name, string Value, string Purpose);
