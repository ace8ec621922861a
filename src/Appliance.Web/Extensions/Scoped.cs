namespace Appliance.Web.Extensions;

/// <summary>
/// A scoped service (Identity's managers, a DbContext) for a singleton: each <see cref="RunAsync{TResult}"/> runs in a
/// fresh DI scope that is disposed afterwards. Part of the composition root (registered as an open generic by
/// <see cref="ApplianceServiceCollectionExtensions.AddApplianceStartup"/>): the one place outside the Add* methods
/// that resolves from a scope, so services never take <see cref="IServiceProvider"/>.
/// </summary>
public sealed class Scoped<T>(IServiceScopeFactory scopes) where T : notnull
{
    public async Task<TResult> RunAsync<TResult>(Func<T, Task<TResult>> work)
    {
        ArgumentNullException.ThrowIfNull(work);
        await using var scope = scopes.CreateAsyncScope();
        return await work(scope.ServiceProvider.GetRequiredService<T>());
    }
}
