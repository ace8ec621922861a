using System.Security.Claims;
using Appliance.Web.Api;
using Appliance.Web.Cluster.Internal;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;

namespace Appliance.Web.Security.Access;

/// <summary>
/// Enforces <see cref="EndpointAccessTable"/> on every routed request, after authentication: the one authorization
/// layer of the HTTP endpoints (their mappings declare no policies, no key filters); a request reaches its endpoint only
/// if the endpoint's row lets this caller in. An API key's principal becomes the request's user. An endpoint
/// without a row answers 403 (fail closed). API keys answer RFC 7807 problems (401 / 403 / 404); cookie users are
/// sent to the login or access-denied page as the cookie scheme does.
/// </summary>
public sealed class EndpointAccessMiddleware(RequestDelegate next, ILogger<EndpointAccessMiddleware> logger, IProblemDetailsService problems, NodeRequestVerifier verifier)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var endpoint = context.GetEndpoint();
        // No endpoint (404), or routing's own 405 / 415 rejection endpoint (no metadata, it only writes the status).
        if (endpoint is null || endpoint.Metadata.Count == 0)
        {
            await next(context);
            return;
        }
        var access = EndpointAccessTable.For(endpoint, context.Request.Method);
        if (access is null)
        {
            EndpointAccessLog.Undeclared(logger, context.Request.Method, EndpointAccessTable.RouteOf(endpoint) ?? endpoint.DisplayName ?? "?");
            await ProblemAsync(context, StatusCodes.Status403Forbidden, "Forbidden", "This endpoint has no declared access rule; it is closed until one is added.");
            return;
        }
        if (access.NodeSigned)
        {
            if (await NodeAllowedAsync(context)) await next(context);
            return;
        }
        if (access.Anonymous || await AllowedAsync(context, access)) await next(context);
    }

    /// <summary>An internal endpoint: the cluster secret's signature or nothing (401 problem; 404 when cluster mode is off).</summary>
    private async Task<bool> NodeAllowedAsync(HttpContext context)
    {
        var (check, node) = await verifier.VerifyAsync(context.Request, context.RequestAborted);
        if (check == NodeRequestCheck.Valid)
        {
            context.User = new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.Name, "node:" + node)], "ClusterNode"));
            return true;
        }
        EndpointAccessLog.NodeRequestRefused(logger, context.Request.Method, context.Request.Path, check.ToString(), node ?? "-");
        if (check == NodeRequestCheck.NotClusterMode)
        {
            await ProblemAsync(context, StatusCodes.Status404NotFound, "Not Found", "Cluster mode is off: this node has no internal API.");
            return false;
        }
        context.Response.Headers.WWWAuthenticate = NodeSignature.Scheme;
        await ProblemAsync(context, StatusCodes.Status401Unauthorized, "Unauthorized", check switch
        {
            NodeRequestCheck.Missing => "This endpoint is for the other nodes of the cluster: sign the request with the cluster secret.",
            NodeRequestCheck.Expired => "The request's timestamp is outside the signature window (check the nodes' clocks).",
            NodeRequestCheck.Replayed => "This signed request was already used.",
            _ => "The request's signature does not match (a different Appliance:Cluster:Secret?).",
        });
        return false;
    }

    /// <summary>Decides for a non-anonymous row; when the answer is no, the response is already written.</summary>
    private async Task<bool> AllowedAsync(HttpContext context, EndpointAccess access)
    {
        if (HasBearer(context.Request))
        {
            var result = await context.AuthenticateAsync(ApiKeyAuthenticationHandler.SchemeName);
            if (!result.Succeeded || result.Principal is not { } key)
            {
                await context.ChallengeAsync(ApiKeyAuthenticationHandler.SchemeName);
                return false;
            }
            // The handlers see the key (tenant, role, stream claims): the default scheme is the cookie's.
            context.User = key;
            return await KeyAllowedAsync(context, access, key);
        }

        if (access.CookieRoles.Count == 0)
        {
            // API endpoints take keys only: no key is 401, whatever cookie came along.
            await context.ChallengeAsync(ApiKeyAuthenticationHandler.SchemeName);
            return false;
        }
        var cookie = await context.AuthenticateAsync(IdentityConstants.ApplicationScheme);
        if (!cookie.Succeeded || cookie.Principal is not { } user)
        {
            await context.ChallengeAsync(IdentityConstants.ApplicationScheme);
            return false;
        }
        if (!access.CookieRoles.Any(user.IsInRole))
        {
            await context.ForbidAsync(IdentityConstants.ApplicationScheme);
            return false;
        }
        return true;
    }

    private async Task<bool> KeyAllowedAsync(HttpContext context, EndpointAccess access, ClaimsPrincipal key)
    {
        var tenant = TenantScope.Of(key);
        if (!access.AcceptsKeys)
        {
            await ProblemAsync(context, StatusCodes.Status403Forbidden, "Forbidden", "API keys cannot call this endpoint; it is for signed-in users of the admin panel.");
            return false;
        }
        if (tenant is not null && access.TenantKeyRoles.Count == 0)
        {
            await ProblemAsync(context, StatusCodes.Status403Forbidden, "Forbidden",
                $"This API key is limited to tenant '{tenant}'; this operation concerns the whole appliance.");
            return false;
        }
        var roles = tenant is null ? access.GlobalKeyRoles : access.TenantKeyRoles;
        if (!EndpointAccess.KeyHasRole(key, roles))
        {
            await ProblemAsync(context, StatusCodes.Status403Forbidden, "Forbidden",
                $"This operation needs an API key with role {string.Join(" or ", roles)}.");
            return false;
        }
        if (tenant is not null && access is { Tenancy: TenantBinding.RouteTenant, TenantParameter: { } parameter }
            && !string.Equals(context.GetRouteValue(parameter) as string, tenant, StringComparison.Ordinal))
        {
            // The same answer as for a tenant that does not exist: a key learns nothing about other tenants.
            await ProblemAsync(context, StatusCodes.Status404NotFound, "Not Found", $"Tenant '{context.GetRouteValue(parameter)}' does not exist.");
            return false;
        }
        return true;
    }

    private static bool HasBearer(HttpRequest request) =>
        request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase);

    private async Task ProblemAsync(HttpContext context, int status, string title, string detail)
    {
        context.Response.StatusCode = status;
        await problems.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails = { Status = status, Title = title, Detail = detail },
        });
    }
}
