namespace Appliance.Web.Startup;

/// <summary>
/// One step of the host's start, run once by <see cref="StartupRunner"/> before the engine's hosted service starts
/// (migrate the database, load the snapshots the engine reads, apply stored settings). The steps and their order are
/// one list, <see cref="StartupSteps"/>; a step that throws stops the start.
/// </summary>
public interface IStartupStep
{
    /// <summary>Stable name, as logged ("migrate-database").</summary>
    string Name { get; }

    /// <summary>Position in <see cref="StartupSteps"/>: lower runs first.</summary>
    int Order { get; }

    /// <summary>Does the step's work once; an exception stops the start (the host does not come up half-prepared).</summary>
    Task RunAsync(CancellationToken cancellationToken);
}
