using Appliance.Web.Security.Scope;

namespace Appliance.Web.Tests.Infrastructure;

/// <summary>A caller scope fixed for a component test (bUnit has no HTTP request or circuit to take it from).</summary>
internal sealed class FixedCallerScope(CallerScope scope) : ICallerScope
{
    /// <summary>A global caller: every tenant's objects are in scope.</summary>
    public static FixedCallerScope Global { get; } = new(CallerScope.Global);

    public Task<CallerScope> GetAsync() => Task.FromResult(scope);
}
