namespace Appliance.Mta.Bounces.Parsing;

/// <summary>A parsed bounce: its recipients, and what it says about the original message.</summary>
/// <param name="IsStandardDsn">True when the report is an RFC 3464 multipart/report; false for heuristics.</param>
public sealed record BounceReport(
    IReadOnlyList<BouncedRecipient> Recipients,
    string? OriginalMessageId,
    IReadOnlyList<KeyValuePair<string, string>> OriginalHeaders,
    bool IsStandardDsn);
