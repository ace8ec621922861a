namespace Appliance.Mta.Messages;

/// <summary>
/// What a Reception event keeps of the message's header block (RFC 5322 §2.2) so the admin can see a delivered
/// message after its content left the spool: a few named fields, the DKIM signatures' d=/s=, and the fields in order
/// up to the caps of <see cref="ReceptionHeaderCollector"/> (<see cref="Truncated"/> says when some were left out).
/// </summary>
public sealed record ReceptionHeaders
{
    public string? Subject { get; init; }
    public string? From { get; init; }
    public string? To { get; init; }
    public string? Date { get; init; }

    /// <summary>"d=example.com s=sel1" of each DKIM-Signature field (RFC 6376 §3.5), in order.</summary>
    public IReadOnlyList<string> DkimSignatures { get; init; } = [];

    public IReadOnlyList<HeaderField> Fields { get; init; } = [];

    public bool Truncated { get; init; }
}
