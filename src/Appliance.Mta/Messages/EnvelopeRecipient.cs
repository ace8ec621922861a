using Appliance.Mta.Smtp;

namespace Appliance.Mta.Messages;

/// <summary>One RCPT TO with its RFC 3461 parameters. ORcpt is the raw "addr-type;xtext-value".</summary>
public sealed record EnvelopeRecipient(string Address, DsnNotify Notify = DsnNotify.Default, string? ORcpt = null)
{
    /// <summary>The domain part, lower-cased (IDN left as given; A-label conversion happens at resolution).</summary>
    public string Domain => Address[(Address.LastIndexOf('@') + 1)..].ToLowerInvariant();
}
