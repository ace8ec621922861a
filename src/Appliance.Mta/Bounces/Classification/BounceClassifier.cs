namespace Appliance.Mta.Bounces.Classification;

/// <summary>Classifies SMTP replies and DSN statuses into bounce categories. Singleton; built from rules.</summary>
public sealed class BounceClassifier
{
    /// <summary>Classifies a reply code, an RFC 3463 enhanced status code ("5.1.1") and the reply text.</summary>
    public BounceClassification Classify(int? replyCode, string? enhancedCode, string? text)
    {
        var hard = replyCode is >= 500 || (enhancedCode?.StartsWith('5') ?? false);
        return new BounceClassification(BounceCategory.Uncategorized, hard, new BounceAction(false, !hard, false));
    }
}
