namespace Appliance.Web.Services;

/// <summary>The bulk queue operations of the Queues page and /api/v1/queues/{operation}.</summary>
public enum QueueViewOperation
{
    Suspend,
    Resume,
    Retry,
    Bounce,
    Delete,
}
