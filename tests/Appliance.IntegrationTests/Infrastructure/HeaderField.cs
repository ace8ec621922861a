namespace Appliance.IntegrationTests.Infrastructure;

/// <summary>One raw header field (RFC 5322 §2.2): its name and its exact text, folding and CRLFs included.</summary>
public sealed record HeaderField(string Name, string Raw)
{
    /// <summary>Case-insensitive name comparison.</summary>
    public bool Is(string name) => string.Equals(Name, name, StringComparison.OrdinalIgnoreCase);
}
