namespace Appliance.Mta.Bounces.Classification;

/// <summary>
/// Which stage of the documented precedence decided a classification (docs/bounce-rules.md "Precedence"), in order.
/// </summary>
public enum BounceClassificationStage
{
    /// <summary>An admin's custom rule.</summary>
    Custom,
    /// <summary>A rule of the file that targets one provider or MTA (not marked <c>generic</c>).</summary>
    Provider,
    /// <summary>The enhanced status code's registered meaning (RFC 3463, RFC 7372, RFC 5248 registry); X.Y.0 excluded.</summary>
    StatusCode,
    /// <summary>A generic text rule of the file.</summary>
    GenericText,
    /// <summary>An "other or undefined" X.Y.0 code, which only names the subject (RFC 3463 §3).</summary>
    StatusSubject,
    /// <summary>The basic reply code (RFC 5321 §4.2.2).</summary>
    ReplyCode,
    /// <summary>Nothing matched.</summary>
    None,
}
