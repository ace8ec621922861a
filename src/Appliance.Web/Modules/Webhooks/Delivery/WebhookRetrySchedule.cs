namespace Appliance.Web.Modules.Webhooks.Delivery;

/// <summary>Exponential backoff with ±20 % jitter: initial × 2^(attempt-1), capped.</summary>
public static class WebhookRetrySchedule
{
    public static TimeSpan Delay(int failedAttempts, TimeSpan initial, TimeSpan max, double random)
    {
        var exponent = Math.Clamp(failedAttempts - 1, 0, 30);
        var baseDelay = Math.Min(initial.TotalMilliseconds * Math.Pow(2, exponent), max.TotalMilliseconds);
        var jitter = 0.8 + (0.4 * random);
        return TimeSpan.FromMilliseconds(baseDelay * jitter);
    }
}
