using System.Reflection;
using Appliance.Web.Services.TenantLimits;
using Microsoft.AspNetCore.Components;

namespace Appliance.Web.Tests.Composition;

/// <summary>
/// Pages talk to application services, never to engine internals (issue 18): no component injects a type from an
/// Appliance.Mta namespace outside the engine's contract namespaces, nor <see cref="IServiceProvider"/>, nor a host
/// type that is itself an engine seam's internals.
/// </summary>
public sealed class PageInjectionTests
{
    /// <summary>The engine's façade for the UI and API: status, queue summaries and operations, as records and interfaces.</summary>
    private static readonly string[] ContractNamespaces = ["Appliance.Mta.Admin"];

    /// <summary>Host types that hold engine state: pages read them through a view service.</summary>
    private static readonly Type[] HostInternals = [typeof(TenantRateLimiter)];

    [Fact]
    public void Components_inject_application_services_only()
    {
        var components = typeof(Program).Assembly.GetTypes().Where(t => typeof(IComponent).IsAssignableFrom(t) && !t.IsAbstract).ToList();
        Assert.NotEmpty(components);

        var offenders = (
            from component in components
            from property in component.GetProperties(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic)
            where property.GetCustomAttribute<InjectAttribute>() is not null
            from type in Expand(property.PropertyType)
            where !Allowed(type)
            select $"{component.FullName}.{property.Name}: {type.FullName}").Distinct().ToList();

        Assert.Empty(offenders);
    }

    [Fact]
    public void The_rule_catches_an_engine_internal_and_the_service_provider()
    {
        Assert.False(Allowed(typeof(IServiceProvider)));
        Assert.False(Allowed(typeof(Appliance.Mta.Egress.EgressConfiguration)));
        Assert.False(Expand(typeof(Microsoft.Extensions.Options.IOptions<Appliance.Mta.Configuration.MtaOptions>)).All(Allowed));
        Assert.False(Allowed(typeof(TenantRateLimiter)));
        Assert.True(Allowed(typeof(Appliance.Mta.Admin.IMtaStatus)));
        Assert.True(Allowed(typeof(TenantLimitsView)));
    }

    private static IEnumerable<Type> Expand(Type type)
    {
        yield return type;
        if (!type.IsGenericType) yield break;
        foreach (var argument in type.GetGenericArguments())
        {
            foreach (var inner in Expand(argument)) yield return inner;
        }
    }

    private static bool Allowed(Type type)
    {
        if (type == typeof(IServiceProvider) || HostInternals.Contains(type)) return false;
        var ns = type.Namespace ?? "";
        if (!ns.StartsWith("Appliance.Mta", StringComparison.Ordinal)) return true;
        return ContractNamespaces.Any(c => ns == c || ns.StartsWith(c + ".", StringComparison.Ordinal));
    }
}
