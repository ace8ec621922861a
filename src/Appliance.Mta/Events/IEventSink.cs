namespace Appliance.Mta.Events;

/// <summary>Where events go. Write must not block: implementations buffer and persist in the background.</summary>
public interface IEventSink
{
    void Write(MtaEvent e);
}
