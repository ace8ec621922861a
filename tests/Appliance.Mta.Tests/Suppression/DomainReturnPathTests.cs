using Appliance.Mta.Inbound;
using Appliance.Mta.Messages;
using Appliance.Mta.Policy;
using Appliance.Mta.Queue.Spool;
using Appliance.Mta.Suppression;

namespace Appliance.Mta.Tests.Suppression;

/// <summary>
/// VERP with per sending domain return paths (issue 6): a verified return-path domain of the sender's domain wins over
/// the tenant's; an unverified or foreign one is never used (the tenant's stays); the inbound MX policy accepts the
/// issued addresses at verified per-domain return paths and leaves unverified ones alone.
/// </summary>
public class DomainReturnPathTests
{
    private readonly SuppressionFixture _f = new();
    private readonly VerpCodec _codec;
    private readonly FixedDomains _domains = new();

    public DomainReturnPathTests()
    {
        _codec = new VerpCodec(_f.Key);
        _f.Settings.Tenants["t1"] = new TenantFeedbackSettings(SuppressedRecipientAction.Reject, "rp.tenant.example", false);
        _domains.Verified["news.example"] = ("t1", "bounces.news.example");
        _domains.Verified["other.example"] = ("t2", "bounces.other.example");
    }

    [Fact]
    public void Verified_domain_return_path_is_used_for_its_owner()
    {
        var verp = new VerpReturnPath(_codec, _f.Settings, _domains);
        var from = verp.For(Envelope("t1", "app@News.Example"), new SpoolId(7), 1);
        Assert.EndsWith("@bounces.news.example", from, StringComparison.Ordinal);
        Assert.Equal(new VerpToken(new SpoolId(7), 1), _codec.TryDecode(from));
    }

    [Fact]
    public void Tenant_return_path_stays_when_the_domain_has_none_verified_or_belongs_to_another_tenant()
    {
        var verp = new VerpReturnPath(_codec, _f.Settings, _domains);
        Assert.EndsWith("@rp.tenant.example", verp.For(Envelope("t1", "app@unverified.example"), new SpoolId(7), 0), StringComparison.Ordinal);
        Assert.EndsWith("@rp.tenant.example", verp.For(Envelope("t1", "app@other.example"), new SpoolId(7), 0), StringComparison.Ordinal);
        Assert.Equal("app@unverified.example", verp.For(Envelope("t3", "app@unverified.example"), new SpoolId(7), 0));
    }

    [Fact]
    public void Null_sender_dsn_and_inbound_are_never_rewritten()
    {
        var verp = new VerpReturnPath(_codec, _f.Settings, _domains);
        Assert.Equal("", verp.For(Envelope("t1", ""), new SpoolId(7), 0));
        Assert.Equal("app@news.example", verp.For(Envelope("t1", "app@news.example") with { Inbound = true }, new SpoolId(7), 0));
        Assert.False(verp.Applies(Envelope("t1", "app@news.example") with { IsDsn = true }));
    }

    [Fact]
    public void Domain_owner_without_tenant_return_path_still_gets_verp()
    {
        var verp = new VerpReturnPath(_codec, _f.Settings, _domains);
        Assert.EndsWith("@bounces.other.example", verp.For(Envelope("t2", "app@other.example"), new SpoolId(8), 0), StringComparison.Ordinal);
    }

    [Fact]
    public void Inbound_policy_is_the_mx_of_verified_domain_return_paths_only()
    {
        var policy = new InboundAddressPolicy(_codec, _f.Settings, _domains);
        var issued = _codec.Encode(new VerpToken(new SpoolId(9), 0), "bounces.news.example");
        Assert.Equal(RecipientDecisionKind.AcceptInbound, policy.Evaluate(Check(issued)).Kind);
        Assert.Equal(RecipientDecisionKind.AcceptInbound, policy.Evaluate(Check("fbl@bounces.news.example")).Kind);
        Assert.Equal(RecipientDecisionKind.Reject, policy.Evaluate(Check("someone@bounces.news.example")).Kind);
        Assert.Equal(RecipientDecisionKind.Continue, policy.Evaluate(Check("someone@bounces.unverified.example")).Kind);
        Assert.Equal(RecipientDecisionKind.AcceptInbound, policy.Evaluate(Check("fbl@rp.tenant.example")).Kind);
    }

    private static RecipientCheck Check(string rcpt) => new(null, "", rcpt, false, "192.0.2.1");

    private static MessageEnvelope Envelope(string tenant, string mailFrom) => new()
    {
        MailFrom = mailFrom,
        Recipients = [new EnvelopeRecipient("user@dest.example")],
        TenantId = tenant,
        ReceivedAt = DateTimeOffset.UnixEpoch,
        ClientAddress = "192.0.2.1",
    };

    private sealed class FixedDomains : IDomainReturnPathSource
    {
        public Dictionary<string, (string Tenant, string ReturnPath)> Verified { get; } = [];

        public string? ReturnPathFor(string tenantId, string senderDomain) =>
            Verified.TryGetValue(senderDomain, out var v) && v.Tenant == tenantId ? v.ReturnPath : null;

        public bool IsReturnPathDomain(string domain) => Verified.Values.Any(v => v.ReturnPath == domain);
    }
}
