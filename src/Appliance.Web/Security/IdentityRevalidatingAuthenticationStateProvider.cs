using System.Security.Claims;
using Appliance.Web.Data;
using Appliance.Web.Extensions;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Appliance.Web.Security;

/// <summary>
/// Re-checks the signed-in user of an open Blazor circuit every <see cref="Interval"/>: a deleted or locked user,
/// or one whose security stamp changed (new role, new password), loses the circuit's authentication.
/// </summary>
public sealed class IdentityRevalidatingAuthenticationStateProvider(
    ILoggerFactory loggerFactory,
    Scoped<UserManager<ApplianceUser>> userManager,
    IOptions<IdentityOptions> options) : RevalidatingServerAuthenticationStateProvider(loggerFactory)
{
    public static readonly TimeSpan Interval = TimeSpan.FromMinutes(1);

    protected override TimeSpan RevalidationInterval => Interval;

    protected override Task<bool> ValidateAuthenticationStateAsync(AuthenticationState authenticationState, CancellationToken cancellationToken) =>
        userManager.RunAsync(users => IsCurrentAsync(users, authenticationState));

    private async Task<bool> IsCurrentAsync(UserManager<ApplianceUser> users, AuthenticationState authenticationState)
    {
        var user = await users.GetUserAsync(authenticationState.User);
        if (user is null || await users.IsLockedOutAsync(user)) return false;
        var principalStamp = authenticationState.User.FindFirstValue(options.Value.ClaimsIdentity.SecurityStampClaimType);
        return principalStamp == await users.GetSecurityStampAsync(user);
    }
}
