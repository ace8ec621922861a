namespace Appliance.Mta.Suppression;

/// <summary>Persistence of suppressions, implemented by the host over SQLite.</summary>
public interface ISuppressionStore
{
    /// <summary>Queues an upsert for the background batch writer; never blocks (the engine's hot path).</summary>
    void Enqueue(SuppressionEntry entry);

    /// <summary>Writes the entries now and returns once they are durable (inbound processing answers 250 after).</summary>
    Task WriteAsync(IReadOnlyList<SuppressionEntry> entries, CancellationToken cancellationToken);
}
