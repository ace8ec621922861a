namespace Appliance.Web.Services.EngineSettings;

/// <summary>One setting as the page and the API show it. Source: "stored" (set here) or "configuration".</summary>
public sealed record EngineSettingView(string Key, string Label, string Help, string Value, string Source);
