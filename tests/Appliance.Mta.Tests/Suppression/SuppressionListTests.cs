using Appliance.Mta.Suppression;

namespace Appliance.Mta.Tests.Suppression;

public class SuppressionListTests
{
    private readonly SuppressionFixture _f = new();

    [Fact]
    public void Soft_bounce_entry_expires_after_its_lifetime_hard_bounce_never()
    {
        _f.List.Add(_f.List.Create("soft@example.com", SuppressionScope.Tenant, "t1", SuppressionReason.SoftBounce)!);
        _f.List.Add(_f.List.Create("hard@example.com", SuppressionScope.Tenant, "t1", SuppressionReason.HardBounce)!);

        _f.Time.Advance(TimeSpan.FromDays(29));
        Assert.Equal(SuppressionReason.SoftBounce, _f.List.Find("soft@example.com", "t1", "")!.Reason);

        _f.Time.Advance(TimeSpan.FromDays(1) + TimeSpan.FromSeconds(1));
        Assert.Null(_f.List.Find("soft@example.com", "t1", ""));
        Assert.NotNull(_f.List.Find("hard@example.com", "t1", ""));
        Assert.Null(_f.List.Find("hard@example.com", "t1", "")!.ExpiresAt);
    }

    [Fact]
    public void Lifetime_per_reason_is_configurable()
    {
        _f.Options.ComplaintLifetime = TimeSpan.FromDays(2);
        var entry = _f.List.Create("c@example.com", SuppressionScope.Global, null, SuppressionReason.Complaint)!;
        Assert.Equal(_f.Time.GetUtcNow().AddDays(2), entry.ExpiresAt);
    }

    [Fact]
    public void Purge_drops_expired_entries_from_the_index()
    {
        _f.List.Add(_f.List.Create("soft@example.com", SuppressionScope.Global, null, SuppressionReason.SoftBounce)!);
        _f.List.Add(_f.List.Create("keep@example.com", SuppressionScope.Global, null, SuppressionReason.Manual)!);
        Assert.Equal(2, _f.List.Index.Count);
        _f.Time.Advance(TimeSpan.FromDays(31));
        Assert.Equal(1, _f.List.Index.PurgeExpired(_f.Time.GetUtcNow()));
        Assert.Equal(1, _f.List.Index.Count);
    }

    [Fact]
    public void Tenant_scope_applies_only_to_that_tenant()
    {
        _f.List.Add(_f.List.Create("a@example.com", SuppressionScope.Tenant, "t1", SuppressionReason.HardBounce)!);
        Assert.NotNull(_f.List.Find("A@Example.com", "t1", "news@shop.example"));
        Assert.Null(_f.List.Find("a@example.com", "t2", "news@shop.example"));
    }

    [Fact]
    public void Sender_domain_scope_applies_only_to_mail_from_that_domain()
    {
        _f.List.Add(_f.List.Create("a@example.com", SuppressionScope.SenderDomain, "Shop.Example", SuppressionReason.Unsubscribe)!);
        Assert.NotNull(_f.List.Find("a@example.com", "t1", "news@shop.example"));
        Assert.Null(_f.List.Find("a@example.com", "t1", "news@other.example"));
    }

    [Fact]
    public void Broadest_scope_wins_global_then_tenant_then_sender_domain()
    {
        _f.List.Add(_f.List.Create("a@example.com", SuppressionScope.SenderDomain, "shop.example", SuppressionReason.Unsubscribe)!);
        _f.List.Add(_f.List.Create("a@example.com", SuppressionScope.Tenant, "t1", SuppressionReason.HardBounce)!);
        Assert.Equal(SuppressionScope.Tenant, _f.List.Find("a@example.com", "t1", "x@shop.example")!.Scope);

        _f.List.Add(_f.List.Create("a@example.com", SuppressionScope.Global, null, SuppressionReason.SpamTrap)!);
        var match = _f.List.Find("a@example.com", "t1", "x@shop.example")!;
        Assert.Equal((SuppressionScope.Global, SuppressionReason.SpamTrap), (match.Scope, match.Reason));

        Assert.True(_f.List.Index.Remove("a@example.com", SuppressionScope.Global, ""));
        Assert.Equal(SuppressionScope.Tenant, _f.List.Find("a@example.com", "t1", "x@shop.example")!.Scope);
        Assert.True(_f.List.Index.Remove("a@example.com", SuppressionScope.Tenant, "t1"));
        Assert.Equal(SuppressionScope.SenderDomain, _f.List.Find("a@example.com", "t1", "x@shop.example")!.Scope);
        Assert.True(_f.List.Index.Remove("a@example.com", SuppressionScope.SenderDomain, "shop.example"));
        Assert.Null(_f.List.Find("a@example.com", "t1", "x@shop.example"));
    }

    [Fact]
    public void Gmail_variants_hit_the_same_entry()
    {
        _f.List.Add(_f.List.Create("john.smith@gmail.com", SuppressionScope.Global, null, SuppressionReason.Complaint)!);
        Assert.NotNull(_f.List.Find("JohnSmith+promo@googlemail.com", "t1", ""));
    }

    [Fact]
    public void Add_queues_the_write_and_records_the_source_event()
    {
        _f.List.Add(_f.List.Create("a@example.com", SuppressionScope.Tenant, "t1", SuppressionReason.HardBounce, "Bounce", "0001", "550 5.1.1 no such user")!);
        var queued = Assert.Single(_f.Store.Queued);
        Assert.Equal(("Bounce", "0001", "550 5.1.1 no such user"), (queued.SourceType, queued.SourceMessageId, queued.SourceResponse));
    }
}
