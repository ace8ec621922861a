namespace Appliance.Mta.Suppression;

/// <summary>The single node's feedback key: {DataDir}/keys/feedback-hmac.key (<see cref="FeedbackKey.LoadOrCreate"/>).</summary>
public sealed class FileFeedbackKeySource(string dataDir) : IFeedbackKeySource
{
    /// <inheritdoc/>
    public FeedbackKey Load() => FeedbackKey.LoadOrCreate(dataDir);
}
