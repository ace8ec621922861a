namespace Appliance.Mta.Events;

/// <summary>Where events go. Write must not block: implementations buffer and persist in the background.</summary>
public interface IEventSink
{
    /// <summary>Records <paramref name="e"/> and returns at once; persisting happens in the background.</summary>
    void Write(MtaEvent e);
}
