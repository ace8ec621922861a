namespace Appliance.Mta.Events;

/// <summary>
/// Sees every event after it is counted and logged: auto-suppression on hard bounces, webhooks, warmup signals.
/// Called on the engine's hot path: implementations must not block (queue the work and return). An exception
/// thrown here is logged and swallowed, never surfacing to delivery.
/// </summary>
public interface IEventListener
{
    void OnEvent(MtaEvent e);
}
