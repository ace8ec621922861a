namespace Appliance.Web.Startup;

/// <summary>A start-up step over one call (the services it calls are bound in <see cref="StartupSteps"/>).</summary>
public sealed class StartupStep(string name, int order, Func<CancellationToken, Task> run) : IStartupStep
{
    public string Name => name;

    public int Order => order;

    public Task RunAsync(CancellationToken cancellationToken) => run(cancellationToken);
}
