namespace Appliance.Mta.Configuration;

/// <summary>
/// The engine's one accessor for its settings: <see cref="Current"/> is an immutable snapshot of <see cref="MtaOptions"/>
/// that is never changed after it was published; a change publishes a whole new snapshot (validated together) and then
/// tells the listeners. Read <see cref="Current"/> once per unit of work (a session, an attempt) to see one consistent
/// set of values. The host publishes through <see cref="MtaSettings.TryPublish"/>.
/// </summary>
public interface IMtaSettings
{
    /// <summary>The snapshot in force now. Never mutate it: publish a changed copy instead.</summary>
    MtaOptions Current { get; }

    /// <summary>
    /// Calls <paramref name="listener"/> with the previous and the new snapshot after each publish, on the publishing
    /// thread, after <see cref="Current"/> already returns the new one. Dispose the result to stop listening.
    /// </summary>
    IDisposable OnChange(Action<MtaOptions, MtaOptions> listener);
}
