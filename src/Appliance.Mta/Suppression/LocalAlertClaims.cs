namespace Appliance.Mta.Suppression;

/// <summary>The single-node <see cref="IAlertClaims"/>: this node is the only one, so it claims every transition.</summary>
public sealed class LocalAlertClaims : IAlertClaims
{
    /// <inheritdoc />
    public ValueTask<bool> TryClaimAsync(string key, string state, CancellationToken cancellationToken) => ValueTask.FromResult(true);
}
