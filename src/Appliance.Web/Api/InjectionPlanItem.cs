namespace Appliance.Web.Api;

/// <summary>One message an injection request turns into, with its envelope recipients.</summary>
public sealed record InjectionPlanItem(IReadOnlyList<string> Recipients, InjectedMessage Message);
