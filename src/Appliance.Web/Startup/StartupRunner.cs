using System.Diagnostics;
using Appliance.Web.Data;

namespace Appliance.Web.Startup;

/// <summary>
/// The one hosted service that starts the host: runs every <see cref="IStartupStep"/> in ascending
/// <see cref="IStartupStep.Order"/>, one after the other, logging each with its duration, then marks the database
/// ready (the health endpoint's "database" answer). Registered before the engine's hosted service, so the engine
/// starts on a migrated database with its snapshots loaded (hosted services start in registration order).
/// </summary>
public sealed class StartupRunner(IEnumerable<IStartupStep> steps, ApplianceStartupState state, ILogger<StartupRunner> logger) : IHostedService
{
    /// <summary>The steps in the order they run; two steps with one order are a programming error.</summary>
    public IReadOnlyList<IStartupStep> Steps { get; } = Ordered(steps);

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        foreach (var step in Steps)
        {
            StartupLog.StepStarting(logger, step.Order, step.Name);
            var watch = Stopwatch.StartNew();
            try
            {
                await step.RunAsync(cancellationToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                StartupLog.StepFailed(logger, step.Order, step.Name, ex);
                throw;
            }
            StartupLog.StepDone(logger, step.Order, step.Name, watch.ElapsedMilliseconds);
        }
        state.MarkDatabaseReady();
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private static IStartupStep[] Ordered(IEnumerable<IStartupStep> steps)
    {
        var ordered = steps.OrderBy(s => s.Order).ToArray();
        for (var i = 1; i < ordered.Length; i++)
        {
            if (ordered[i].Order == ordered[i - 1].Order)
                throw new InvalidOperationException($"Start-up steps {ordered[i - 1].Name} and {ordered[i].Name} share order {ordered[i].Order}");
        }
        return ordered;
    }
}
