namespace Appliance.Mta.Shaping;

/// <summary>
/// Where message rates are counted: "may I send one now for <c>key</c> at this rate, and if not, when?". The default
/// (<see cref="LocalThrottleStore"/>) counts in process, so a single node behaves as it always did; a cluster host
/// supplies a shared store (KumoMTA shares its throttles through Redis) so a rate holds for the cluster as a whole.
/// </summary>
/// <remarks>
/// A reservation takes the next slot at the rate (GCRA / virtual scheduling, no bursts): the caller waits the returned
/// time, then sends. Implementations never throw for an unreachable back end; they fall back to a local answer
/// (limits only delay mail, they never lose it).
/// </remarks>
public interface IThrottleStore
{
    /// <summary>Reserves one send for <paramref name="key"/> at <paramref name="rate"/>; returns how long to wait (zero when free now).</summary>
    ValueTask<TimeSpan> ReserveAsync(string key, MessageRate rate, CancellationToken cancellationToken);
}
