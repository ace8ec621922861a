namespace Appliance.Mta.Suppression;

/// <summary>
/// Where the engine gets its <see cref="FeedbackKey"/>. The engine's own source is the node-local file
/// (<see cref="FileFeedbackKeySource"/>); a host that runs several nodes supplies one key shared by all of them, so a
/// bounce, complaint or unsubscribe that reaches any node verifies what another node signed.
/// </summary>
public interface IFeedbackKeySource
{
    /// <summary>The key, loaded (or created) once at first use.</summary>
    FeedbackKey Load();
}
