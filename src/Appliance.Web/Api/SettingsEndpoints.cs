using System.Security.Claims;
using Appliance.Web.Security;
using Appliance.Web.Services;
using Appliance.Web.Services.EngineSettings;

namespace Appliance.Web.Api;

/// <summary>
/// /api/v1/settings: the engine settings changed at run time (relay hosts, size and recipient limits, retry
/// schedule, hostname). PUT takes a partial object of key → value; every value is validated before any is applied.
/// </summary>
public static class SettingsEndpoints
{
    public static RouteGroupBuilder MapSettingsEndpoints(this RouteGroupBuilder api)
    {
        api.MapGet("/settings", async (EngineSettingsService settings, CancellationToken ct) => TypedResults.Ok(await settings.ListAsync(ct))).WithSummary("Run-time settings with their current values").WithTags("Settings");
        api.MapPut("/settings", async (Dictionary<string, string> changes, ClaimsPrincipal user, EngineSettingsService settings, CancellationToken ct) =>
        {
            var result = await settings.UpdateAsync(changes, AuditActors.Of(user), ct);
            return result.Succeeded ? Results.Ok(result.Value) : result.ToProblem();
        }).WithSummary("Change run-time settings; every value is validated before any is applied").WithTags("Settings").ProducesProblem(400);
        return api;
    }
}
