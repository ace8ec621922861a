using Appliance.Web.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;

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

        return app;
    }
}
