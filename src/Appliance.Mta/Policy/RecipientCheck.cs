namespace Appliance.Mta.Policy;

/// <summary>What a recipient policy sees of one RCPT TO.</summary>
/// <param name="TenantId">The sending tenant (the credential's, or the default tenant for relay hosts); null for
/// an unauthenticated client that is not a relay host.</param>
/// <param name="MailFrom">Reverse-path without brackets; empty for the null sender.</param>
/// <param name="Recipient">The forward-path address as given.</param>
/// <param name="Authenticated">The client authenticated or is a configured relay host (may relay).</param>
/// <param name="ClientAddress">The client's IP address.</param>
public readonly record struct RecipientCheck(string? TenantId, string MailFrom, string Recipient, bool Authenticated, string ClientAddress);
