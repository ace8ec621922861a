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

    /// <summary>
    /// A step the engine implements with <typeparamref name="T"/>; <paramref name="order"/> is the filter order
    /// (ignored for policies and listeners).
    /// </summary>
    public static PipelineStep Engine<T>(string name, string purpose, int order = 0) => new(name, typeof(T), order, purpose);

    /// <summary>
    /// A slot the host fills with a keyed service named <paramref name="name"/>, or leaves empty (the step is then
    /// skipped).
    /// </summary>
    public static PipelineStep Host(string name, string purpose, int order = 0) => new(name, null, order, purpose);
}
