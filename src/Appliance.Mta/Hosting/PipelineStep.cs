namespace Appliance.Mta.Hosting;

/// <summary>
/// One line of <see cref="EnginePipeline"/>: an engine type (<see cref="Implementation"/>) or a host slot, which the
/// host fills with a keyed service (key = <see cref="Name"/>) or leaves empty. <see cref="Order"/> is the
/// <see cref="Reception.IReceptionFilter.Order"/> a reception filter declares; for recipient policies and event
/// listeners the position in the list is the order.
/// </summary>
public sealed record PipelineStep(string Name, Type? Implementation, int Order, string Purpose)
{
    /// <summary>Filled by the host (a keyed service named <see cref="Name"/>), not by the engine.</summary>
    public bool IsHostSlot => Implementation is null;

    public static PipelineStep Engine<T>(string name, string purpose, int order = 0) => new(name, typeof(T), order, purpose);

    public static PipelineStep Host(string name, string purpose, int order = 0) => new(name, null, order, purpose);
}
