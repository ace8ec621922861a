namespace Appliance.Web.Security.Scope;

/// <summary>
/// The current caller's <see cref="CallerScope"/>, for services and pages: one answer for an HTTP request (API key
/// or cookie) and for a Blazor circuit (its authentication state).
/// </summary>
public interface ICallerScope
{
    Task<CallerScope> GetAsync();
}
