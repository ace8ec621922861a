using Appliance.Web.Security;
using Scalar.AspNetCore;

namespace Appliance.Web.Api;

/// <summary>
/// The browsable API reference (Scalar) at /api-reference, over /openapi/v1.json, for signed-in users of the admin
/// panel (Admin, Operator, Viewer; others are sent to the login page). Everything it loads comes from this origin:
/// the script is embedded in the Scalar.AspNetCore package and the default web fonts (fonts.scalar.com) are off, so it
/// works offline and under a same-origin Content-Security-Policy.
/// </summary>
public static class ApiReference
{
    public const string Path = "/api-reference";

    public static IEndpointRouteBuilder MapApiReference(this IEndpointRouteBuilder app)
    {
        app.MapScalarApiReference(Path, o => o
                .WithTitle("Appliance API reference")
                .WithOpenApiRoutePattern("/openapi/{documentName}.json")
                .AddPreferredSecuritySchemes(ApiDocumentation.BearerScheme)
                .DisableDefaultFonts())
            .RequireAuthorization(Permissions.CanView);
        return app;
    }
}
