namespace Appliance.Mta.Shaping;

/// <summary>
/// A connection slot held for one outbound connection; disposing it gives the slot back. A shared lease has an expiry
/// that its holder renews while the connection lives, so the slot of a crashed node frees itself.
/// </summary>
public interface IConnectionLease : IAsyncDisposable;
