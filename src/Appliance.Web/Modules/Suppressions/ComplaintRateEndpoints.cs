using System.Security.Claims;
using Appliance.Mta.Suppression;
using Appliance.Web.Api;
using Appliance.Web.Security;

namespace Appliance.Web.Modules.Suppressions;

/// <summary>
/// GET /api/v1/complaint-rates: complaints per delivered recipient over the last 24 hours, per tenant, pool, egress
/// source and egress IP (<see cref="ComplaintRateCounter"/>), highest rate first. A tenant-scoped key sees its own
/// tenant only, never the appliance's pools, sources and addresses.
/// </summary>
public static class ComplaintRateEndpoints
{
    public const string Path = ApiEndpoints.Prefix + "/complaint-rates";

    public static IEndpointRouteBuilder MapComplaintRateEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet(Path, (ClaimsPrincipal user, ComplaintRateCounter counter) => TypedResults.Ok(counter.Report(TenantScope.Of(user)))).WithTags("Suppressions").WithSummary("24-hour complaint rates per tenant, pool, egress source and IP, highest first");
        return app;
    }
}
