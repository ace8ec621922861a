namespace Appliance.Mta.Egress;

/// <summary>The traffic streams kept apart (transactional mail never rides on marketing IPs unless configured so).</summary>
public static class EgressStreams
{
    public const string Transactional = "transactional";
    public const string Marketing = "marketing";

    public static readonly IReadOnlyList<string> All = [Transactional, Marketing];

    /// <summary>The stream a message belongs to: its envelope's when known, else transactional.</summary>
    public static string Of(string? stream) =>
        string.Equals(stream, Marketing, StringComparison.OrdinalIgnoreCase) ? Marketing : Transactional;

    public static bool IsValid(string? stream) =>
        stream is null || All.Contains(stream, StringComparer.OrdinalIgnoreCase);
}
