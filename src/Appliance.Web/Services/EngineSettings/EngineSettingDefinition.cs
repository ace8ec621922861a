using Appliance.Mta.Configuration;

namespace Appliance.Web.Services.EngineSettings;

/// <summary>
/// One engine setting editable at run time: how to show it, validate it and apply it to the live
/// <see cref="MtaOptions"/> instance the engine reads (the next session, attempt or retry calculation sees it).
/// </summary>
/// <param name="Key">The API field and Settings-table key suffix, e.g. "smtp.relayHosts".</param>
/// <param name="Read">The effective value, formatted as the API and the page show it.</param>
/// <param name="TryApply">Validates the text; on success applies it and returns null, otherwise the error message.</param>
public sealed record EngineSettingDefinition(
    string Key,
    string Label,
    string Help,
    Func<MtaOptions, string> Read,
    Func<MtaOptions, string, string?> TryApply,
    string? Storage = null)
{
    /// <summary>The row key in the Settings table ("Engine:{Key}" unless the setting predates this catalog).</summary>
    public string StorageKey => Storage ?? "Engine:" + Key;
}
