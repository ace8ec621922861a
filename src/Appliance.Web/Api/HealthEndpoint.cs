using Appliance.Mta.Admin;
using Appliance.Web.Data;

namespace Appliance.Web.Api;

/// <summary>GET /healthz (anonymous): 200 {"status":"ok"} once the database and the engine are ready, else 503.</summary>
public static class HealthEndpoint
{
    public static IEndpointRouteBuilder MapHealthEndpoint(this IEndpointRouteBuilder app)
    {
        app.MapGet("/healthz", (ApplianceStartupState state, IMtaStatus engine) =>
        {
            var status = !state.DatabaseReady || !engine.Ready ? "starting"
                : "ok";
            return status == "ok"
                ? Results.Ok(new { status })
                : Results.Json(new { status }, statusCode: StatusCodes.Status503ServiceUnavailable);
        }).AllowAnonymous().WithSummary("Readiness: 200 once the database and every listener are up, 503 before").WithTags("System").ProducesProblem(503);
        return app;
    }
}
