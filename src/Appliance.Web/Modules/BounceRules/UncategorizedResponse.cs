namespace Appliance.Web.Modules.BounceRules;

/// <summary>A group of recent failure responses no rule classifies: the text with digits masked, how often, one example.</summary>
public sealed record UncategorizedResponse(string Pattern, int Count, string Example, DateTimeOffset LastSeen);
