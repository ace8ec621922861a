using Appliance.Web.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Appliance.Web.Security;

/// <summary>Account actions that need a real HTTP request to change the cookie: logout and refreshing the sign-in.</summary>
public static class AccountEndpoints
{
    public static IEndpointRouteBuilder MapAccountEndpoints(this IEndpointRouteBuilder app)
    {
        var account = app.MapGroup("/account");

        // A form field makes the endpoint validate the antiforgery token (the layout's logout form sends one).
        account.MapPost("/logout", async (SignInManager<ApplianceUser> signIn, [FromForm] string? returnUrl) =>
        {
            await signIn.SignOutAsync();
            return TypedResults.LocalRedirect(LocalUrl.OrRoot(returnUrl));
        }).ExcludeFromDescription();

        // After a password or 2FA change the security stamp changes: reissue the cookie so the session stays valid.
        account.MapGet("/refresh-signin", async Task<IResult> (HttpContext http, UserManager<ApplianceUser> users, SignInManager<ApplianceUser> signIn, string? returnUrl) =>
        {
            // Only the panel's own pages link here, always with a local path: anything else is a bad request, not a
            // redirect target (open-redirect defence) and never a 500.
            if (!string.IsNullOrEmpty(returnUrl) && !LocalUrl.IsLocal(returnUrl))
                return TypedResults.Problem("returnUrl must be a local path of this site.", statusCode: StatusCodes.Status400BadRequest, title: "Bad return URL");
            if (await users.GetUserAsync(http.User) is { } user) await signIn.RefreshSignInAsync(user);
            return TypedResults.LocalRedirect(LocalUrl.OrRoot(returnUrl));
        }).RequireAuthorization().ExcludeFromDescription();

        // "View as tenant": a global Admin enters a tenant's view (empty tenantId leaves it). The choice is stored on
        // the user (ViewAsTenantId), becomes a claim at the refreshed sign-in and is audited both ways.
        account.MapPost("/view-as", async Task<IResult> (HttpContext http, UserManager<ApplianceUser> users, SignInManager<ApplianceUser> signIn,
            ApplianceDbContext db, Services.IAuditLog audit, [FromForm] string? tenantId, [FromForm] string? returnUrl) =>
        {
            if (await users.GetUserAsync(http.User) is not { TenantId: null } user || !http.User.IsInRole(ApplianceRoles.Admin))
                return TypedResults.Problem("Only global administrators can view the panel as a tenant.", statusCode: StatusCodes.Status403Forbidden, title: "Forbidden");
            tenantId = string.IsNullOrWhiteSpace(tenantId) ? null : tenantId.Trim();
            if (tenantId is not null && !await db.Tenants.AnyAsync(t => t.Id == tenantId))
                return TypedResults.Problem($"Tenant '{tenantId}' does not exist.", statusCode: StatusCodes.Status404NotFound, title: "Not Found");
            var before = user.ViewAsTenantId;
            if (before != tenantId)
            {
                user.ViewAsTenantId = tenantId;
                var updated = await users.UpdateAsync(user);
                if (!updated.Succeeded)
                    return TypedResults.Problem(string.Join(" ", updated.Errors.Select(e => e.Description)), statusCode: StatusCodes.Status409Conflict, title: "Conflict");
                await audit.RecordAsync(Services.AuditActors.Of(http.User), tenantId is null ? "tenant.view-as.leave" : "tenant.view-as.enter",
                    tenantId ?? before ?? "", before is null ? null : new { tenant = before }, tenantId is null ? null : new { tenant = tenantId });
            }
            await signIn.RefreshSignInAsync(user);
            return TypedResults.LocalRedirect(LocalUrl.OrRoot(returnUrl));
        }).ExcludeFromDescription();

        return app;
    }
}
