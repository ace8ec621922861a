namespace Appliance.Web.Configuration;

/// <summary>
/// Settings that apply when no appsettings.json is found (e.g. `dotnet run` from the repository root, whose
/// content root has none). Added as the lowest-priority configuration source, so every other source wins.
/// </summary>
public static class EmbeddedDefaults
{
    public static IReadOnlyDictionary<string, string?> Values { get; } = new Dictionary<string, string?>
    {
        ["Logging:LogLevel:Default"] = "Information",
        ["Logging:LogLevel:Microsoft.AspNetCore"] = "Warning",
        ["Logging:LogLevel:Microsoft.EntityFrameworkCore"] = "Warning",
        ["Logging:LogLevel:Microsoft.Hosting.Lifetime"] = "Information",
        // Quartz announces its scheduler, thread pool and job store in ten lines at every start.
        ["Logging:LogLevel:Quartz"] = "Warning",
        [HttpEndpointSettings.Key] = HttpEndpointSettings.Default,
    };

    public static void AddTo(IConfigurationBuilder configuration) =>
        configuration.Sources.Insert(0, new Microsoft.Extensions.Configuration.Memory.MemoryConfigurationSource { InitialData = Values });
}
