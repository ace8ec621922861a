using Appliance.Mta.Messages;
using Appliance.Mta.Policy;
using Appliance.Mta.Reception;
using Appliance.Web.Services.TenantLimits;
using Microsoft.Extensions.Time.Testing;

namespace Appliance.Web.Tests.TenantLimits;

public sealed class TenantRateLimiterTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 30, 10, 15, 0, TimeSpan.Zero);
    private readonly FakeTimeProvider _time = new(Start);
    private readonly TenantRateLimiter _limiter;

    public TenantRateLimiterTests()
    {
        _limiter = new TenantRateLimiter(_time);
    }

    private void Limit(string tenant, int? hourly, int? daily) =>
        _limiter.SetLimits(new Dictionary<string, TenantMessageLimits> { [tenant] = new(hourly, daily) });

    [Fact]
    public void Hourly_limit_is_a_sliding_60_minutes_not_the_clock_hour()
    {
        Limit("acme", 3, null);
        Assert.True(_limiter.TryAcquire("acme", 2).Allowed); // 10:15
        _time.SetUtcNow(Start.AddMinutes(30));
        Assert.True(_limiter.TryAcquire("acme").Allowed); // 10:45

        var refused = _limiter.TryAcquire("acme");

        Assert.False(refused.Allowed);
        Assert.Equal(TenantLimitWindow.Hour, refused.Window);
        Assert.Equal(3, refused.Limit);
        Assert.Equal(TimeSpan.FromMinutes(30), refused.RetryAfter); // the two of 10:15 leave the window at 11:15
        Assert.Equal(3, _limiter.UsageOf("acme").ThisHour); // a refusal counts nothing
        // A fixed window would reset at 11:00; the sliding one still holds the last 60 minutes.
        _time.SetUtcNow(Start.AddMinutes(46));
        Assert.False(_limiter.TryAcquire("acme").Allowed);
        _time.SetUtcNow(Start.AddMinutes(60));
        Assert.True(_limiter.TryAcquire("acme").Allowed);
        Assert.Equal(2, _limiter.UsageOf("acme").ThisHour);
        Assert.Equal(4, _limiter.UsageOf("acme").Today);
    }

    [Fact]
    public void Daily_limit_wins_over_hourly_and_retries_when_the_oldest_leave_the_24_hours()
    {
        Limit("acme", 2, 3);
        Assert.True(_limiter.TryAcquire("acme", 2).Allowed);
        _time.Advance(TimeSpan.FromHours(1));
        Assert.True(_limiter.TryAcquire("acme").Allowed);
        Assert.False(_limiter.Check("acme").Allowed);

        var refused = _limiter.TryAcquire("acme");

        Assert.Equal(TenantLimitWindow.Day, refused.Window);
        Assert.Equal(TimeSpan.FromHours(23), refused.RetryAfter); // the two of 10:15 leave at 10:15 the next day
        // UTC midnight is no reset any more.
        _time.SetUtcNow(new DateTimeOffset(2026, 12, 1, 0, 0, 1, TimeSpan.Zero));
        Assert.False(_limiter.TryAcquire("acme").Allowed);
        _time.SetUtcNow(Start.AddDays(1));
        Assert.True(_limiter.TryAcquire("acme").Allowed);
    }

    [Fact]
    public void Check_counts_nothing_and_a_batch_that_does_not_fit_is_refused_whole()
    {
        Limit("acme", 5, null);
        for (var i = 0; i < 10; i++) Assert.True(_limiter.Check("acme").Allowed);
        Assert.True(_limiter.TryAcquire("acme", 4).Allowed);

        Assert.False(_limiter.TryAcquire("acme", 2).Allowed);
        Assert.Equal(4, _limiter.UsageOf("acme").ThisHour);
        Assert.True(_limiter.TryAcquire("acme", 1).Allowed);
    }

    [Fact]
    public void New_limits_apply_at_once_and_keep_the_running_counts()
    {
        Limit("acme", 10, null);
        Assert.True(_limiter.TryAcquire("acme", 4).Allowed);

        Limit("acme", 4, null); // lowered: already full
        Assert.False(_limiter.Check("acme").Allowed);
        Limit("acme", 6, null); // raised: two more, counting the four already accepted
        Assert.True(_limiter.TryAcquire("acme", 2).Allowed);
        Assert.False(_limiter.TryAcquire("acme").Allowed);
        Assert.Equal(6, _limiter.UsageOf("acme").ThisHour);
    }

    [Fact]
    public void Tenants_without_limits_and_other_tenants_are_not_limited()
    {
        Limit("acme", 1, 1);
        Assert.True(_limiter.TryAcquire("acme").Allowed);

        Assert.True(_limiter.TryAcquire("globex", 1000).Allowed);
        Assert.False(_limiter.TryAcquire("acme").Allowed);
    }

    [Fact]
    public void Refusal_maps_to_transient_452_4_7_0_naming_the_quota_and_the_retry_time()
    {
        Limit("acme", 1, null);
        _limiter.TryAcquire("acme");

        var reply = _limiter.Check("acme").ToSmtpReply();

        Assert.Equal(452, reply.Code);
        Assert.True(reply.IsTransient);
        Assert.Equal("4.7.0", reply.Enhanced?.ToString());
        Assert.Contains("hourly quota of 1 messages reached; retry after 11:15 UTC", reply.Text, StringComparison.Ordinal);
        Assert.Equal(3600, _limiter.Check("acme").RetryAfterSeconds);
    }

    [Fact]
    public void Recipient_policy_refuses_an_authenticated_tenant_over_its_limit_and_ignores_inbound()
    {
        Limit("acme", 1, null);
        var policy = new TenantRateLimitRecipientPolicy(_limiter, _time);
        var check = new RecipientCheck("acme", "a@example.com", "b@example.net", true, "127.0.0.1");
        Assert.Equal(RecipientDecisionKind.Continue, policy.Evaluate(check).Kind);
        _limiter.TryAcquire("acme");

        var decision = policy.Evaluate(check);

        Assert.Equal(RecipientDecisionKind.Reject, decision.Kind);
        Assert.Equal(452, decision.Reply!.Code);
        Assert.Equal(RecipientDecisionKind.Continue, policy.Evaluate(check with { Authenticated = false, TenantId = null }).Kind);
    }

    [Fact]
    public async Task Reception_filter_counts_each_message_and_stops_the_one_over_the_limit()
    {
        Limit("acme", 2, null);
        var filter = new TenantRateLimitFilter(_limiter, new TenantQuotaAlerts(new RecordingSink(), new TenantQuotaMailQueue(), _time, Microsoft.Extensions.Logging.Abstractions.NullLogger<TenantQuotaAlerts>.Instance), _time);
        ReceptionMessage Message(bool inbound = false) => new(new MessageEnvelope
        {
            MailFrom = "a@example.com",
            Recipients = [new EnvelopeRecipient("b@example.net")],
            TenantId = "acme",
            ReceivedAt = Start,
            ClientAddress = "127.0.0.1",
            Inbound = inbound,
        }, default);

        Assert.False((await filter.FilterAsync(Message(), default)).IsStop);
        Assert.False((await filter.FilterAsync(Message(), default)).IsStop);
        Assert.False((await filter.FilterAsync(Message(inbound: true), default)).IsStop);
        var third = await filter.FilterAsync(Message(), default);

        Assert.True(third.IsStop);
        Assert.Equal(452, third.Reply!.Code);
        Assert.Equal(2, _limiter.UsageOf("acme").ThisHour);
        Assert.True(filter.Order > 900); // after DKIM signing: the last step before the spool
    }

    private sealed class RecordingSink : Appliance.Mta.Events.IEventSink
    {
        public List<Appliance.Mta.Events.MtaEvent> Events { get; } = [];

        public void Write(Appliance.Mta.Events.MtaEvent e) => Events.Add(e);
    }
}
