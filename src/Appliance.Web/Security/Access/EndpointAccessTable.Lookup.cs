using Microsoft.AspNetCore.StaticAssets;

namespace Appliance.Web.Security.Access;

public static partial class EndpointAccessTable
{
    /// <summary>The route pattern of a routed endpoint, as mapped; null for other endpoints.</summary>
    public static string? RouteOf(Endpoint endpoint) => (endpoint as RouteEndpoint)?.RoutePattern.RawText;

    /// <summary>The row that governs <paramref name="endpoint"/> for a request with <paramref name="method"/>; null = none (fail closed).</summary>
    public static EndpointAccess? For(Endpoint endpoint, string method)
    {
        if (RouteOf(endpoint) is not { } route) return null;
        if (endpoint.Metadata.GetMetadata<StaticAssetDescriptor>() is not null)
            return HttpMethods.IsGet(method) || HttpMethods.IsHead(method) ? StaticAssets : null;
        var methods = endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods;
        return methods is null or { Count: 0 } ? Find(EndpointAccess.AnyMethod, route) : Find(method, route);
    }

    /// <summary>"METHOD route" of every endpoint (and each of its methods) that has no row.</summary>
    public static IReadOnlyList<string> Undeclared(IEnumerable<Endpoint> endpoints)
    {
        var missing = new List<string>();
        foreach (var endpoint in endpoints)
        {
            var methods = endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods;
            IEnumerable<string> list = methods is null or { Count: 0 } ? [EndpointAccess.AnyMethod] : methods;
            foreach (var method in list.Where(m => !HttpMethods.IsHead(m) && !HttpMethods.IsOptions(m)))
                if (For(endpoint, method) is null) missing.Add($"{method} {RouteOf(endpoint) ?? endpoint.DisplayName}");
        }
        return missing;
    }
}
