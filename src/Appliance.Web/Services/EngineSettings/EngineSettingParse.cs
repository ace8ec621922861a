using Appliance.Mta.Configuration;

namespace Appliance.Web.Services.EngineSettings;

/// <summary>A parsed setting value: the changed snapshot, or why the text is not a value of the setting's type.</summary>
public sealed record EngineSettingParse(MtaOptions? Options, string? Error)
{
    public static EngineSettingParse Ok(MtaOptions options) => new(options, null);

    public static EngineSettingParse Fail(string error) => new(null, error);
}
