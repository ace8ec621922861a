namespace Appliance.IntegrationTests.Infrastructure;

/// <summary>One per-recipient group of an RFC 3464 §2.3 delivery-status body.</summary>
public sealed record DsnRecipient(string FinalRecipient, string Action, string Status, string? DiagnosticCode);
