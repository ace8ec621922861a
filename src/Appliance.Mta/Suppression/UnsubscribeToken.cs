namespace Appliance.Mta.Suppression;

/// <summary>Who an unsubscribe link is for: a tenant's recipient.</summary>
public sealed record UnsubscribeToken(string TenantId, string Recipient);
