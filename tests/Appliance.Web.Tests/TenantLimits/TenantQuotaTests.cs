using Appliance.Mta.Events;
using Appliance.Mta.Messages;
using Appliance.Mta.Policy;
using Appliance.Mta.Reception;
using Appliance.Web.Services.TenantLimits;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace Appliance.Web.Tests.TenantLimits;

/// <summary>The calendar and per-message quotas with an injected clock: month, sending domain per day, recipients, size, warnings.</summary>
public sealed class TenantQuotaTests
{
    private static readonly DateTimeOffset Start = new(2031, 1, 31, 23, 50, 0, TimeSpan.Zero);
    private readonly FakeTimeProvider _time = new(Start);
    private readonly TenantRateLimiter _limiter;
    private readonly List<MtaEvent> _events = [];

    public TenantQuotaTests() => _limiter = new TenantRateLimiter(_time);

    private void Quota(TenantMessageLimits limits) => _limiter.SetLimits(new Dictionary<string, TenantMessageLimits> { ["acme"] = limits });

    private TenantRateLimitFilter Filter() =>
        new(_limiter, new TenantQuotaAlerts(new Sink(_events), new TenantQuotaMailQueue(), _time, NullLogger<TenantQuotaAlerts>.Instance), _time);

    private ReceptionMessage Message(string from = "app@shop.example", int recipients = 1, int size = 100) => new(new MessageEnvelope
    {
        MailFrom = from,
        Recipients = Enumerable.Range(0, recipients).Select(i => new EnvelopeRecipient($"r{i}@example.net")).ToList(),
        TenantId = "acme",
        ReceivedAt = Start,
        ClientAddress = "127.0.0.1",
    }, new System.Buffers.ReadOnlySequence<byte>(new byte[size]));

    [Fact]
    public void Month_quota_refuses_with_550_5_7_0_until_the_first_of_the_next_month_utc()
    {
        Quota(new TenantMessageLimits(null, null, Monthly: 2));
        Assert.True(_limiter.TryAcquire("acme", 2).Allowed);

        var refused = _limiter.Check("acme");

        Assert.Equal(TenantLimitWindow.Month, refused.Window);
        var reply = refused.ToSmtpReply();
        Assert.Equal(550, reply.Code);
        Assert.Equal("5.7.0", reply.Enhanced?.ToString());
        Assert.Contains("monthly quota of 2 messages reached until 2031-02-01 00:00 UTC", reply.Text, StringComparison.Ordinal);
        Assert.Equal(600, refused.RetryAfterSeconds); // 23:50 → 00:00 on the 1st
        _time.SetUtcNow(new DateTimeOffset(2031, 2, 1, 0, 0, 1, TimeSpan.Zero));
        Assert.True(_limiter.Check("acme").Allowed);
        Assert.Equal(0, _limiter.UsageOf("acme").ThisMonth);
    }

    [Fact]
    public void Domain_day_quota_counts_each_mail_from_domain_apart_and_resets_at_utc_midnight()
    {
        Quota(new TenantMessageLimits(null, null, DomainDaily: 1));
        Assert.True(_limiter.TryAcquire("acme", 1, "shop.example").Allowed);
        Assert.True(_limiter.TryAcquire("acme", 1, "news.example").Allowed);

        var refused = _limiter.Check("acme", 1, "shop.example");

        Assert.Equal(TenantLimitWindow.DomainDay, refused.Window);
        Assert.Equal(452, refused.ToSmtpReply().Code);
        Assert.Equal("4.7.0", refused.ToSmtpReply().Enhanced?.ToString());
        Assert.Contains("for sending domain shop.example", refused.ToSmtpReply().Text, StringComparison.Ordinal);
        Assert.Equal(600, refused.RetryAfterSeconds);
        _time.Advance(TimeSpan.FromMinutes(10));
        Assert.True(_limiter.Check("acme", 1, "shop.example").Allowed);
    }

    [Fact]
    public void Calendar_counters_are_exported_and_imported_like_after_a_restart()
    {
        Quota(new TenantMessageLimits(null, null, Monthly: 3, DomainDaily: 5));
        Assert.True(_limiter.TryAcquire("acme", 2, "shop.example").Allowed);
        var stored = _limiter.TakeDirtyCounters();
        Assert.Contains(stored, c => c is { Window: TenantQuotaCounter.MonthWindow, Period: "2031-01", Count: 2 });
        Assert.Contains(stored, c => c is { Window: TenantQuotaCounter.DomainDayWindow, Period: "2031-01-31", Scope: "shop.example", Count: 2 });

        var restarted = new TenantRateLimiter(_time);
        restarted.SetLimits(new Dictionary<string, TenantMessageLimits> { ["acme"] = new(null, null, Monthly: 3, DomainDaily: 5) });
        restarted.Import(stored);

        Assert.Equal(2, restarted.UsageOf("acme").ThisMonth);
        Assert.True(restarted.TryAcquire("acme", 1, "shop.example").Allowed);
        Assert.Equal(TenantLimitWindow.Month, restarted.Check("acme", 1, "shop.example").Window);
    }

    [Fact]
    public async Task Warnings_at_80_and_100_percent_are_raised_once_per_window_as_alert_events_for_the_tenant()
    {
        Quota(new TenantMessageLimits(5, null));
        var filter = Filter();
        for (var i = 0; i < 3; i++) Assert.False((await filter.FilterAsync(Message(), default)).IsStop);
        Assert.Empty(_events);

        Assert.False((await filter.FilterAsync(Message(), default)).IsStop); // 4 of 5 = 80 %
        var warning = Assert.Single(_events);
        Assert.Equal(MtaEventType.Alert, warning.Type);
        Assert.Equal("acme", warning.Tenant);
        Assert.StartsWith("Tenant quota 80%: tenant acme used 4 of its hourly quota of 5 messages", warning.Detail, StringComparison.Ordinal);

        Assert.False((await filter.FilterAsync(Message(), default)).IsStop); // 5 of 5 = 100 %
        Assert.Equal(2, _events.Count);
        Assert.StartsWith("Tenant quota 100%", _events[1].Detail, StringComparison.Ordinal);

        var sixth = await filter.FilterAsync(Message(), default);
        Assert.True(sixth.IsStop);
        Assert.Equal(452, sixth.Reply!.Code);
        Assert.Equal(2, _events.Count); // refused messages raise nothing more
    }

    [Fact]
    public async Task Size_and_recipient_quotas_refuse_at_mail_rcpt_and_end_of_data()
    {
        Quota(new TenantMessageLimits(null, null, MaxRecipients: 2, MaxMessageSize: 2048));
        var policy = new TenantRateLimitRecipientPolicy(_limiter, _time);
        var mail = ((Appliance.Mta.Smtp.Server.IMailFromPolicy)policy).EvaluateMailFrom("a@shop.example", "127.0.0.1", "acme", 4096);
        Assert.Equal(552, mail?.Code);
        Assert.Equal("5.3.4", mail?.Enhanced?.ToString());
        Assert.Null(((Appliance.Mta.Smtp.Server.IMailFromPolicy)policy).EvaluateMailFrom("a@shop.example", "127.0.0.1", "acme", 1000));
        Assert.Null(((Appliance.Mta.Smtp.Server.IMailFromPolicy)policy).EvaluateMailFrom("a@shop.example", "127.0.0.1", null, 4096));

        var check = new RecipientCheck("acme", "a@shop.example", "b@example.net", true, "127.0.0.1");
        Assert.Equal(RecipientDecisionKind.Continue, policy.Evaluate(check with { PriorRecipients = 1 }).Kind);
        var third = policy.Evaluate(check with { PriorRecipients = 2 });
        Assert.Equal(RecipientDecisionKind.Reject, third.Kind);
        Assert.Equal(452, third.Reply!.Code);
        Assert.Equal("4.5.3", third.Reply.Enhanced?.ToString());

        var filter = Filter();
        var big = await filter.FilterAsync(Message(size: 3000), default);
        Assert.True(big.IsStop);
        Assert.Equal(552, big.Reply!.Code);
        Assert.False((await filter.FilterAsync(Message(size: 2000), default)).IsStop);
    }

    private sealed class Sink(List<MtaEvent> events) : IEventSink
    {
        public void Write(MtaEvent e) => events.Add(e);
    }
}
