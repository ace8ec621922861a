namespace Appliance.Mta.Egress;

/// <summary>The traffic streams kept apart (transactional mail never rides on marketing IPs unless configured so).</summary>
public static class EgressStreams
{
    /// <summary>Password resets, receipts, notifications: mail a recipient expects.</summary>
    public const string Transactional = "transactional";
    /// <summary>Bulk and promotional mail (needs a List-Unsubscribe header, RFC 8058).</summary>
    public const string Marketing = "marketing";

    /// <summary>Both streams, transactional first.</summary>
    public static readonly IReadOnlyList<string> All = [Transactional, Marketing];

    /// <summary>The stream a message belongs to: its envelope's when known, else transactional.</summary>
    public static string Of(string? stream) =>
        string.Equals(stream, Marketing, StringComparison.OrdinalIgnoreCase) ? Marketing : Transactional;

    /// <summary>True for null (no stream given: transactional) or a known stream name (case-insensitive).</summary>
    public static bool IsValid(string? stream) =>
        stream is null || All.Contains(stream, StringComparer.OrdinalIgnoreCase);
}
