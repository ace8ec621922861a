using System.Net;
using Appliance.Mta.Admin;

namespace Appliance.Mta.Hosting;

/// <summary>Readiness of the engine: set by the hosted service once the spool is recovered and every listener is bound.</summary>
public sealed class MtaEngineStatus : IMtaStatus
{
    private volatile bool _ready;
    private IReadOnlyDictionary<string, IPEndPoint> _listeners = new Dictionary<string, IPEndPoint>();

    /// <inheritdoc/>
    public bool Ready => _ready;

    /// <inheritdoc/>
    public IReadOnlyDictionary<string, IPEndPoint> Listeners => _listeners;

    internal void SetReady(IReadOnlyDictionary<string, IPEndPoint> listeners)
    {
        _listeners = listeners;
        _ready = true;
    }

    internal void SetStopping() => _ready = false;
}
