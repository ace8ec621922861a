namespace Appliance.IntegrationTests.Infrastructure;

/// <summary>A (possibly multi-line) SMTP reply as read off the wire (RFC 5321 §4.2).</summary>
public sealed record SmtpWireReply(int Code, IReadOnlyList<string> Lines)
{
    /// <summary>All text lines joined, codes included.</summary>
    public override string ToString() => string.Join(" | ", Lines);

    /// <summary>2xx.</summary>
    public bool IsPositive => Code is >= 200 and < 400;
}
