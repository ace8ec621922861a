using Appliance.Mta.Configuration;

namespace Appliance.Web.Services.EngineSettings;

/// <summary>
/// One engine setting editable at run time: how to show it, how to parse it into a new <see cref="MtaOptions"/>
/// snapshot, and which configuration key it is (the validator's rules report errors by that key).
/// </summary>
/// <param name="Key">The API field and Settings-table key suffix, e.g. "smtp.relayHosts".</param>
/// <param name="ConfigKey">The configuration key the setting overrides, e.g. "Appliance:Smtp:RelayHosts".</param>
/// <param name="Read">The effective value, formatted as the API and the page show it.</param>
/// <param name="Parse">The snapshot with the text applied (a copy; the argument is never changed), or the parse error.
/// Ranges and cross-field rules are <see cref="MtaOptionsValidator"/>'s, checked on the whole result.</param>
public sealed record EngineSettingDefinition(
    string Key,
    string Label,
    string Help,
    string ConfigKey,
    Func<MtaOptions, string> Read,
    Func<MtaOptions, string, EngineSettingParse> Parse,
    string? Storage = null)
{
    /// <summary>The row key in the Settings table ("Engine:{Key}" unless the setting predates this catalog).</summary>
    public string StorageKey => Storage ?? "Engine:" + Key;
}
