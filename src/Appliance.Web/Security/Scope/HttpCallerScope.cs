using Microsoft.AspNetCore.Components.Authorization;

namespace Appliance.Web.Security.Scope;

/// <summary>
/// <see cref="ICallerScope"/> of the host: the request's user when there is an HTTP request (API, prerendering,
/// static forms), otherwise the circuit's authentication state.
/// </summary>
public sealed class HttpCallerScope(IHttpContextAccessor http, AuthenticationStateProvider authentication) : ICallerScope
{
    public async Task<CallerScope> GetAsync()
    {
        if (http.HttpContext?.User is { Identity.IsAuthenticated: true } user) return CallerScope.Of(user);
        return CallerScope.Of((await authentication.GetAuthenticationStateAsync()).User);
    }
}
