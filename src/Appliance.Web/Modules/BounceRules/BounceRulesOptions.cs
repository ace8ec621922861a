namespace Appliance.Web.Modules.BounceRules;

/// <summary>Appliance:BounceRules: <see cref="File"/> replaces the rules file shipped in the engine.</summary>
public sealed class BounceRulesOptions
{
    public const string Section = "Appliance:BounceRules";

    /// <summary>Path of a bounce-rules.json to use instead of the shipped one; null uses the shipped file.</summary>
    public string? File { get; set; }
}
