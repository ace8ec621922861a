namespace Appliance.Mta.Configuration;

/// <summary>
/// The published settings (see <see cref="IMtaSettings"/>). A publish builds a new snapshot from the current one,
/// validates it as a whole with <see cref="MtaOptionsValidator"/> and swaps it in with one reference write, so a reader
/// sees either the old or the new snapshot, never a mix; then the listeners are told. Publishes are serialised.
/// </summary>
public sealed class MtaSettings : IMtaSettings
{
    private readonly Lock _publishLock = new();
    private volatile MtaOptions _current;
    private volatile Action<MtaOptions, MtaOptions>[] _listeners = [];

    /// <param name="initial">The start-up snapshot (bound from configuration and validated on start by the host).</param>
    public MtaSettings(MtaOptions initial)
    {
        ArgumentNullException.ThrowIfNull(initial);
        _current = initial;
    }

    /// <inheritdoc/>
    public MtaOptions Current => _current;

    /// <summary>
    /// Applies <paramref name="change"/> to the current snapshot (it must return a new instance, e.g. a <c>with</c>
    /// expression, and never modify its argument) and publishes the result when every rule holds. Returns every rule
    /// the result breaks; then nothing is published.
    /// </summary>
    public IReadOnlyList<OptionError> TryPublish(Func<MtaOptions, MtaOptions> change)
    {
        ArgumentNullException.ThrowIfNull(change);
        MtaOptions previous, next;
        lock (_publishLock)
        {
            previous = _current;
            next = change(previous);
            if (ReferenceEquals(next, previous) || next == previous) return [];
            var errors = MtaOptionsValidator.Check(next);
            if (errors.Count > 0) return errors;
            _current = next;
            foreach (var listener in _listeners) listener(previous, next);
        }
        return [];
    }

    /// <inheritdoc/>
    public IDisposable OnChange(Action<MtaOptions, MtaOptions> listener)
    {
        ArgumentNullException.ThrowIfNull(listener);
        lock (_publishLock) _listeners = [.. _listeners, listener];
        return new Subscription(this, listener);
    }

    private void Remove(Action<MtaOptions, MtaOptions> listener)
    {
        lock (_publishLock) _listeners = [.. _listeners.Where(l => l != listener)];
    }

    private sealed class Subscription(MtaSettings owner, Action<MtaOptions, MtaOptions> listener) : IDisposable
    {
        private int _disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0) owner.Remove(listener);
        }
    }
}
