using Appliance.Web.Services;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;

namespace Appliance.Web.Components.Shared;

/// <summary>
/// Base for interactive pages: the audit actor of the signed-in user and a server-side policy check before every
/// change (hidden buttons are not a permission check).
/// </summary>
public abstract class PageGuard : ComponentBase
{
    [Inject]
    private IAuthorizationService Authorization { get; set; } = default!;

    [CascadingParameter]
    private Task<AuthenticationState>? AuthenticationState { get; set; }

    protected async Task<string> ActorAsync() =>
        AuditActors.Of(AuthenticationState is null ? null : (await AuthenticationState).User);

    protected async Task<bool> IsAllowedAsync(string policy)
    {
        if (AuthenticationState is null) return false;
        var user = (await AuthenticationState).User;
        return (await Authorization.AuthorizeAsync(user, policy)).Succeeded;
    }
}
