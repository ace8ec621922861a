namespace Appliance.Web.Components.Pages.Suppressions;

/// <summary>The add form's fields.</summary>
public sealed class SuppressionFormModel
{
    public string? Address { get; set; }
    public string Scope { get; set; } = "global";
    public string? ScopeKey { get; set; }
    public string Reason { get; set; } = "manual";
}
