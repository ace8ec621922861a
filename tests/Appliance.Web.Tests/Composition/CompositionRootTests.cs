using System.Reflection;
using System.Text.RegularExpressions;
using Appliance.Mta.Hosting;

namespace Appliance.Web.Tests.Composition;

/// <summary>
/// Service location stays in the composition root (issue 18): outside Program.cs, the Add*/Map*/Use* registration
/// methods and the factories registered there, no type takes <see cref="IServiceProvider"/> and no code calls
/// GetService / GetRequiredService / GetServices.
/// </summary>
public sealed partial class CompositionRootTests
{
    /// <summary>Files that are the composition root (paths under src/). Everything else asks for what it needs by constructor.</summary>
    private static readonly HashSet<string> CompositionRoot = new(StringComparer.Ordinal)
    {
        "Appliance.Web/Program.cs",
        "Appliance.Web/Extensions/ApplianceHostExtensions.cs",
        "Appliance.Web/Extensions/ApplianceServiceCollectionExtensions.cs",
        "Appliance.Web/Extensions/UiServiceCollectionExtensions.cs",
        "Appliance.Web/Extensions/Scoped.cs",
        "Appliance.Web/Startup/StartupSteps.cs",
        "Appliance.Web/Services/TenantLimits/TenantLimitsServiceCollectionExtensions.cs",
        "Appliance.Web/Cluster/Limits/ClusterLimitsServiceCollectionExtensions.cs",
        "Appliance.Web/Services/Admin/AdminFeaturesServiceCollectionExtensions.cs",
        "Appliance.Web/Data/Modules/ModuleDatabase.cs",
        "Appliance.Web/Security/HttpHardeningExtensions.cs",
        "Appliance.Web/Security/LoginRateLimiting.cs",
        "Appliance.Web/Cli/AdminResetPasswordCommand.cs", // the CLI builds its own small container
        "Appliance.Web/Cluster/ClusterServiceCollectionExtensions.cs",
        "Appliance.Web/Cluster/Quotas/ClusterQuotasServiceCollectionExtensions.cs",
        "Appliance.Web/Services/TenantMetering/TenantMeteringServiceCollectionExtensions.cs",
        "Appliance.Web/Data/ApplianceDatabaseInitializer.cs", // EF's own provider service (IRelationalDatabaseCreator), not the app's container
        "Appliance.Mta/Hosting/MtaEngineServices.cs",
        "Appliance.Mta/Hosting/MtaPipelineServices.cs",
        "Appliance.Mta/Hosting/EnginePipeline.cs",
    };

    [GeneratedRegex(@"\b(GetService|GetRequiredService|GetServices|GetKeyedService|GetRequiredKeyedService|GetKeyedServices)\b|\bIServiceProvider\b")]
    private static partial Regex ServiceLocation();

    [Fact]
    public void No_type_outside_the_composition_root_takes_an_IServiceProvider()
    {
        var offenders = new[] { typeof(Program).Assembly, typeof(EnginePipeline).Assembly }
            .SelectMany(a => a.GetTypes())
            .Where(t => t.GetConstructors(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance)
                .Any(c => c.GetParameters().Any(p => p.ParameterType == typeof(IServiceProvider))))
            .Select(t => t.FullName)
            .ToList();

        Assert.Empty(offenders);
    }

    [Fact]
    public void No_service_location_outside_the_composition_root()
    {
        var offenders = new List<string>();
        foreach (var project in new[] { "Appliance.Web", "Appliance.Mta" })
        {
            foreach (var file in Directory.EnumerateFiles(Path.Combine(SourceTree.Src, project), "*.*", SearchOption.AllDirectories)
                         .Where(f => f.EndsWith(".cs", StringComparison.Ordinal) || f.EndsWith(".razor", StringComparison.Ordinal)))
            {
                var relative = SourceTree.Relative(file);
                if (relative.Contains("/obj/", StringComparison.Ordinal) || relative.Contains("/bin/", StringComparison.Ordinal)) continue;
                if (CompositionRoot.Contains(relative) || IsModuleRegistration(relative)) continue;
                var lines = File.ReadAllLines(file);
                for (var i = 0; i < lines.Length; i++)
                {
                    if (lines[i].TrimStart().StartsWith("//", StringComparison.Ordinal)) continue;
                    if (ServiceLocation().IsMatch(StripComments(lines[i]))) offenders.Add($"{relative}:{i + 1}: {lines[i].Trim()}");
                }
            }
        }

        Assert.Empty(offenders);
    }

    /// <summary>A module's one registration file (Modules/&lt;Name&gt;/&lt;Name&gt;Module.cs: AddXxxModule and MapXxxModule).</summary>
    private static bool IsModuleRegistration(string relative) =>
        ModuleFile().IsMatch(relative);

    [GeneratedRegex(@"^Appliance\.Web/Modules/(?<name>[A-Za-z]+)/\k<name>Module\.cs$")]
    private static partial Regex ModuleFile();

    /// <summary>Drops XML doc and trailing // comments (crefs may name IServiceProvider).</summary>
    private static string StripComments(string line)
    {
        var index = line.IndexOf("//", StringComparison.Ordinal);
        return index < 0 ? line : line[..index];
    }
}
