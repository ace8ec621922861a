namespace Appliance.Mta.Bounces.Parsing;

/// <summary>One recipient of a bounce report.</summary>
/// <param name="Address">The failed recipient address.</param>
/// <param name="Status">The RFC 3463 status "D.S.N", when known.</param>
/// <param name="ReplyCode">The SMTP reply code from the remote server, when known.</param>
/// <param name="Diagnostic">The remote server's text (Diagnostic-Code or the heuristic's best line).</param>
/// <param name="Action">The RFC 3464 §2.3.3 action: failed, delayed, delivered, relayed, expanded.</param>
public sealed record BouncedRecipient(string Address, string? Status, int? ReplyCode, string? Diagnostic, string Action);
