namespace Appliance.Mta.Delivery.MtaSts;

/// <summary>Where policies come from: HTTPS in production (<see cref="MtaStsPolicyFetcher"/>), a fake in tests.</summary>
public interface IMtaStsPolicySource
{
    /// <summary>
    /// Fetches the policy of <paramref name="domain"/> (RFC 8461 §3.3); a failure is a result with its RFC 8460 result
    /// type, never an exception (cancellation aside).
    /// </summary>
    Task<MtaStsFetchResult> FetchAsync(string domain, CancellationToken ct);
}
