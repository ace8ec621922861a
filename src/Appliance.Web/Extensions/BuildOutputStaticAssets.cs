namespace Appliance.Web.Extensions;

/// <summary>
/// Makes `dotnet run --project src/Appliance.Web` (the README's command: build output, Production environment) serve
/// the admin panel's CSS and JavaScript. ASP.NET Core reads the static web assets of packages (MudBlazor's
/// `_content/*`) and the framework (`_framework/blazor.web.js`) from their NuGet/SDK locations only in Development;
/// elsewhere it expects the publish output, which copies them into wwwroot, and otherwise answers 200 with an empty
/// body. The build writes `{app}.staticwebassets.runtime.json` next to the assembly and the publish does not, so
/// that file says which case this is: present, the assets are mapped from where the build left them; absent (a
/// publish, the deb/rpm packages), nothing changes.
/// </summary>
public static class BuildOutputStaticAssets
{
    public static WebApplicationBuilder UseBuildOutputStaticAssets(this WebApplicationBuilder builder)
    {
        if (builder.Environment.IsDevelopment()) return builder; // the default host already does it
        if (File.Exists(ManifestPath(builder.Environment))) builder.WebHost.UseStaticWebAssets();
        return builder;
    }

    /// <summary>Where <c>StaticWebAssetsLoader</c> looks for the manifest: next to the application's assembly.</summary>
    public static string ManifestPath(IWebHostEnvironment environment)
    {
        var assembly = System.Reflection.Assembly.Load(new System.Reflection.AssemblyName(environment.ApplicationName));
        var dir = string.IsNullOrEmpty(assembly.Location) ? AppContext.BaseDirectory : Path.GetDirectoryName(assembly.Location)!;
        return Path.Combine(dir, environment.ApplicationName + ".staticwebassets.runtime.json");
    }
}
