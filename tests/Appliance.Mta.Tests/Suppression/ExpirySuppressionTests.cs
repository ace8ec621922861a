using Appliance.Mta.Bounces.Classification;
using Appliance.Mta.Events;
using Appliance.Mta.Suppression;

namespace Appliance.Mta.Tests.Suppression;

/// <summary>An expired message suppresses its recipient only when the last reply named the mailbox.</summary>
public sealed class ExpirySuppressionTests
{
    private readonly SuppressionFixture _f = new();

    private SuppressionMatch? Expire(int code, string? enhanced, string text)
    {
        var listener = new SuppressionEventListener(_f.List, new BounceClassifier());
        var response = enhanced is null ? $"{code} {text}" : $"{code} {enhanced} {text}";
        listener.OnEvent(new MtaEvent
        {
            Type = MtaEventType.Expiration, Timestamp = _f.Time.GetUtcNow(), Tenant = "t1", Recipient = "rcpt@dest.test",
            Code = code, EnhancedCode = enhanced, Response = response, Category = BounceCategory.MessageExpired, Hard = false,
        });
        return _f.List.Find("rcpt@dest.test", "t1", "");
    }

    [Theory]
    [InlineData(450, "4.1.1", "Recipient address rejected: unverified address")]
    [InlineData(452, "4.2.2", "Mailbox full")]
    [InlineData(450, "4.2.1", "Mailbox disabled, not accepting messages")]
    [InlineData(452, null, "mailbox is over quota")]
    [InlineData(450, null, "no such user here")]
    public void Recipient_specific_last_replies_suppress_for_the_soft_bounce_lifetime(int code, string? enhanced, string text)
    {
        var entry = Expire(code, enhanced, text);
        Assert.NotNull(entry);
        Assert.Equal(SuppressionReason.SoftBounce, entry.Reason);
        Assert.Equal(_f.Time.GetUtcNow() + TimeSpan.FromDays(30), entry.ExpiresAt);
    }

    [Theory]
    [InlineData(421, "4.4.1", "Connection to mx.dest.test [192.0.2.1]:25 failed: Connection refused")] // receiver outage
    [InlineData(451, "4.4.2", "Connection lost: connection reset by peer")]
    [InlineData(451, "4.4.3", "DNS lookup for dest.test failed: SERVFAIL")]                         // DNS
    [InlineData(451, "4.4.4", "No MX or A for dest.test")]
    [InlineData(451, "4.4.5", "Suspended until 2026-01-02 by backoff rule gmail-rate-limited")]         // our own site hold
    [InlineData(421, "4.7.0", "TLS handshake failed: certificate verify failed")]                      // TLS
    [InlineData(421, "4.7.0", "[TSS04] Messages from 192.0.2.1 temporarily deferred due to user complaints")] // our IP blocked
    [InlineData(451, "4.7.1", "Client host [192.0.2.1] blocked using zen.spamhaus.org")]               // blocklist
    [InlineData(450, "4.7.25", "Reverse DNS validation failed")]
    [InlineData(451, "4.3.2", "System not accepting network messages")]
    [InlineData(451, "4.1.8", "Sender address rejected: Domain not found")]                            // about the sender
    [InlineData(450, "4.1.2", "Recipient address rejected: Domain not found")]                         // domain, not mailbox
    [InlineData(421, null, "Service not available, closing transmission channel")]
    public void Connection_dns_tls_policy_and_hold_causes_never_suppress(int code, string? enhanced, string text)
    {
        Assert.Null(Expire(code, enhanced, text));
    }

    [Fact]
    public void The_shown_table_names_every_enhanced_subject()
    {
        // The settings page shows this table: every RFC 3463 subject (1-7) is covered by a row.
        foreach (var subject in new[] { "X.1.", "X.2.", "X.3.", "X.4.", "X.5.", "X.6.", "X.7." })
            Assert.Contains(ExpirySuppressionPolicy.Table, row => row.Codes.Contains(subject, StringComparison.Ordinal));
        Assert.Contains(ExpirySuppressionPolicy.Table, row => !row.Suppresses && row.Codes == "X.7.x");
    }
}
