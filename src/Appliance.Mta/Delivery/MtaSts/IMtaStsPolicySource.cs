namespace Appliance.Mta.Delivery.MtaSts;

/// <summary>Where policies come from: HTTPS in production (<see cref="MtaStsPolicyFetcher"/>), a fake in tests.</summary>
public interface IMtaStsPolicySource
{
    Task<MtaStsFetchResult> FetchAsync(string domain, CancellationToken ct);
}
