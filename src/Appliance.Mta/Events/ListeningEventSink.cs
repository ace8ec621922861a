using Microsoft.Extensions.Logging;

namespace Appliance.Mta.Events;

/// <summary>Forwards each event to the inner sink, then to every registered <see cref="IEventListener"/>.</summary>
public sealed class ListeningEventSink(IEventSink inner, IEnumerable<IEventListener> listeners, ILogger<ListeningEventSink> logger) : IEventSink
{
    private readonly IEventListener[] _listeners = [.. listeners];

    /// <inheritdoc/>
    public void Write(MtaEvent e)
    {
        inner.Write(e);
        foreach (var listener in _listeners)
        {
            try
            {
                listener.OnEvent(e);
            }
            catch (Exception ex)
            {
                EventsLog.ListenerFailed(logger, listener.GetType().Name, e.Type, ex);
            }
        }
    }
}
