namespace Appliance.Mta.Messages;

/// <summary>
/// What a Reception event keeps of the message's header block (RFC 5322 §2.2) so the admin can see a delivered
/// message after its content left the spool: a few named fields, the DKIM signatures' d=/s=, and the fields in order
/// up to the caps of <see cref="ReceptionHeaderCollector"/> (<see cref="Truncated"/> says when some were left out).
/// </summary>
public sealed record ReceptionHeaders
{
    /// <summary>The first Subject field, unfolded and RFC 2047 decoded (at most 998 characters); null when absent.</summary>
    public string? Subject { get; init; }
    /// <summary>The first From field, unfolded and decoded like <see cref="Subject"/>; null when absent.</summary>
    public string? From { get; init; }
    /// <summary>The first To field, unfolded and decoded like <see cref="Subject"/>; null when absent.</summary>
    public string? To { get; init; }
    /// <summary>The first Date field as written (not parsed); null when absent.</summary>
    public string? Date { get; init; }

    /// <summary>"d=example.com s=sel1" of each DKIM-Signature field (RFC 6376 §3.5), in order.</summary>
    public IReadOnlyList<string> DkimSignatures { get; init; } = [];

    /// <summary>The header fields in message order, within the collector's caps.</summary>
    public IReadOnlyList<HeaderField> Fields { get; init; } = [];

    /// <summary>True when fields or characters were left out because a cap was reached.</summary>
    public bool Truncated { get; init; }
}
