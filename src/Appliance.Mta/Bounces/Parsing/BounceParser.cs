using MimeKit;

namespace Appliance.Mta.Bounces.Parsing;

/// <summary>Parses delivery status notifications (RFC 3464) and the non-standard bounces of common MTAs.</summary>
public static class BounceParser
{
    /// <summary>Returns the bounce report, or null when the message is not a bounce. Never throws on bad input.</summary>
    public static BounceReport? TryParse(MimeMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        return null;
    }
}
