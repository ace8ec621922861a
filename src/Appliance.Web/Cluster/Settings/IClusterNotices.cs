namespace Appliance.Web.Cluster.Settings;

/// <summary>
/// The change-notice bus between nodes. A notice only says "look now": the receiver reads the versions from the
/// database (the source of truth), so a lost, duplicated or early notice costs at most one poll interval.
/// </summary>
public interface IClusterNotices
{
    /// <summary>Tells every node (this one included) that <paramref name="notice"/>'s area changed. Never throws.</summary>
    Task PublishAsync(ClusterNotice notice, CancellationToken cancellationToken = default);

    /// <summary>Calls <paramref name="handler"/> for every notice received until the returned handle is disposed.</summary>
    IDisposable Subscribe(Action<ClusterNotice> handler);
}
