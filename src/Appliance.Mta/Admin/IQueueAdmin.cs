namespace Appliance.Mta.Admin;

/// <summary>
/// Engine queue operations for the admin UI and API. Each returns the number of messages affected
/// and writes an AdminAction event.
/// </summary>
public interface IQueueAdmin
{
    QueueSummary GetSummary();

    /// <summary>How many queued items the filter selects now; changes nothing (the dry run of an operation).</summary>
    int Count(QueueFilter filter);

    int Suspend(QueueFilter filter, string actor);

    int Resume(QueueFilter filter, string actor);

    /// <summary>Makes matching deferred messages due now.</summary>
    int RetryNow(QueueFilter filter, string actor);

    /// <summary>Fails matching messages permanently (DSN to the sender as for any bounce).</summary>
    int Bounce(QueueFilter filter, string reason, string actor);

    /// <summary>Removes matching messages silently.</summary>
    int Delete(QueueFilter filter, string actor);
}
