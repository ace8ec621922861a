namespace Appliance.Mta.Events;

/// <summary>
/// Sees every event after it is counted and logged: auto-suppression on hard bounces, webhooks, warmup signals.
/// Called on the engine's hot path: implementations must not block (queue the work and return). An exception
/// thrown here is logged and swallowed, never surfacing to delivery.
/// </summary>
public interface IEventListener
{
    /// <summary>
    /// Called once per event, on the writer's thread, after the event was handed to the sink; must return quickly.
    /// </summary>
    void OnEvent(MtaEvent e);
}
