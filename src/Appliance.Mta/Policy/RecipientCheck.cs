namespace Appliance.Mta.Policy;

/// <summary>What a recipient policy sees of one RCPT TO.</summary>
/// <param name="TenantId">The sending tenant (the credential's, or the default tenant for relay hosts); null for
/// an unauthenticated client that is not a relay host.</param>
/// <param name="MailFrom">Reverse-path without brackets; empty for the null sender.</param>
/// <param name="Recipient">The forward-path address as given.</param>
/// <param name="Authenticated">The client authenticated or is a configured relay host (may relay).</param>
/// <param name="ClientAddress">The client's IP address.</param>
/// <param name="PriorRecipients">Recipients already accepted in this transaction (a per-message recipient limit, RFC 5321 §4.5.3.1.10).</param>
/// <param name="DeclaredSize">The MAIL FROM SIZE= value (RFC 1870), when the client declared one.</param>
public readonly record struct RecipientCheck(string? TenantId, string MailFrom, string Recipient, bool Authenticated, string ClientAddress,
    int PriorRecipients = 0, long? DeclaredSize = null);
