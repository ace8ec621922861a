namespace Appliance.Mta.Queue;

/// <summary>Takes items that are due and gets them delivered (resolution, ready queues, connections).</summary>
public interface IItemDispatcher
{
    void Dispatch(QueueItem item);
}
