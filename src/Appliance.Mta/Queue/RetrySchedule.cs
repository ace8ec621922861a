using Appliance.Mta.Configuration;

namespace Appliance.Mta.Queue;

/// <summary>
/// Exponential backoff with jitter (KumoMTA retry_interval / max_retry_interval / max_age):
/// attempt n waits retry_interval x 2^(n-1), capped, then stretched by up to 20% at random so
/// that messages deferred together do not come back together.
/// </summary>
public static class RetrySchedule
{
    /// <summary>
    /// The wait before the next attempt after <paramref name="attempts"/> attempts: <paramref name="retryInterval"/>
    /// (else <see cref="DeliveryOptions.RetryInterval"/>) doubled per earlier attempt, capped at <see
    /// cref="DeliveryOptions.MaxRetryInterval"/> (or the first interval when that is larger), plus up to 20 % random
    /// jitter from <paramref name="random"/>.
    /// </summary>
    public static TimeSpan Delay(DeliveryOptions options, int attempts, Random random, TimeSpan? retryInterval = null)
    {
        var exponent = Math.Clamp(attempts - 1, 0, 30);
        var first = retryInterval ?? options.RetryInterval;
        var seconds = Math.Min(first.TotalSeconds * Math.Pow(2, exponent), Math.Max(options.MaxRetryInterval.TotalSeconds, first.TotalSeconds));
        return TimeSpan.FromSeconds(seconds * (1 + random.NextDouble() * 0.2));
    }

    /// <summary>The next attempt, or null when the message would outlive max_age and must expire now.</summary>
    public static DateTimeOffset? Next(DeliveryOptions options, DateTimeOffset received, DateTimeOffset now, int attempts, Random random, TimeSpan? retryInterval = null)
    {
        var expires = received + options.MaxAge;
        if (now >= expires) return null;
        var next = now + Delay(options, attempts, random, retryInterval);
        return next < expires ? next : expires; // one last attempt at expiry
    }
}
