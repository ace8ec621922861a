using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Appliance.Mta.Egress;
using Appliance.Mta.Events;
using Appliance.Web.Data;
using Appliance.Web.Modules.Pools;
using Appliance.Web.Modules.Pools.Warmup;
using Appliance.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Appliance.Web.Tests.Pools;

/// <summary>
/// The warmup runtime in the real host with a fake clock: an attached plan's caps reach the engine's limiter, days
/// advance without waiting, synthetic bounces hold the plan (nothing more that day), the next day resumes stepped back,
/// daily volumes and complaints (attributed by the reported source IP) are persisted, and the timeline shows them.
/// </summary>
public sealed class WarmupRuntimeTests : IDisposable
{
    private static readonly DateTimeOffset T0 = new(2031, 3, 1, 8, 0, 0, TimeSpan.Zero);
    private readonly FakeTimeProvider _clock = new(T0);
    private readonly ApplianceFactory _factory;
    private readonly HttpClient _admin;

    public WarmupRuntimeTests()
    {
        _factory = new ApplianceFactory { ConfigureServicesForTest = s => s.AddSingleton<TimeProvider>(_clock) };
        _admin = _factory.CreateAdminClient();
    }

    public void Dispose() => _factory.Dispose();

    private WarmupLimiter Limiter => _factory.Services.GetRequiredService<WarmupLimiter>();
    private WarmupRuntime Runtime => _factory.Services.GetRequiredService<WarmupRuntime>();

    [Fact]
    public async Task Caps_advance_with_the_day_and_a_bounce_spike_holds_then_resumes_stepped_back()
    {
        Assert.Equal(HttpStatusCode.Created, (await _admin.PostAsJsonAsync("/api/v1/egress-sources", new { name = "warm1", bindAddress = "127.0.0.4" })).StatusCode);
        var plans = await _admin.GetFromJsonAsync<JsonElement>("/api/v1/warmup/plans");
        var template = plans.EnumerateArray().Single(p => p.GetProperty("name").GetString() == WarmupTemplates.EightWeekName);
        Assert.True(template.GetProperty("template").GetBoolean());
        var attached = await _admin.PostAsJsonAsync("/api/v1/warmup/attachments", new { source = "warm1", planId = template.GetProperty("id").GetInt32(), startDate = "2031-03-01" });
        Assert.Equal(HttpStatusCode.Created, attached.StatusCode);
        var id = (await attached.ReadJsonAsync()).GetProperty("id").GetInt32();
        Assert.Equal(200, Cap("warm1"));

        Limiter.RecordSent("warm1", null, 150);
        await Runtime.TickAsync();
        Assert.Equal(150, (await Day(T0)).Sent);
        Assert.False(Limiter.HasRoom("warm1", null, 51));

        _clock.Advance(TimeSpan.FromDays(7)); // plan day 8: 500
        await Runtime.TickAsync();
        Assert.Equal(500, Cap("warm1"));

        Limiter.RecordSent("warm1", null, 200);
        Limiter.RecordDelivered("warm1", null, 190);
        Limiter.RecordBounced("warm1", null, 10); // 5 %: the warning band, not above the hold threshold
        await Runtime.TickAsync();
        var attachment = await Attachment(id);
        Assert.Equal(("Active", "warning"), (attachment.GetProperty("state").GetString(), attachment.GetProperty("health").GetString()));

        Limiter.RecordBounced("warm1", null, 10); // 20 / 210 = 9.5 %
        await Runtime.TickAsync();
        attachment = await Attachment(id);
        Assert.Equal("Held", attachment.GetProperty("state").GetString());
        Assert.Contains("bounce rate", attachment.GetProperty("holdReason").GetString(), StringComparison.Ordinal);
        Assert.Equal(250, attachment.GetProperty("resumeCap").GetInt64());
        Assert.False(Limiter.HasRoom("warm1", null, 1)); // nothing more today

        _clock.Advance(TimeSpan.FromDays(1));
        await Runtime.TickAsync();
        attachment = await Attachment(id);
        Assert.Equal(("Active", 1), (attachment.GetProperty("state").GetString(), attachment.GetProperty("planDay").GetInt32()));
        Assert.Equal(200, Cap("warm1")); // min(250, the stepped-back step's 200)

        var timeline = await _admin.GetFromJsonAsync<JsonElement>($"/api/v1/warmup/attachments/{id}/timeline");
        var day8 = timeline.EnumerateArray().Single(p => p.GetProperty("day").GetString() == "2031-03-08");
        Assert.Equal((500, 200), (day8.GetProperty("planned").GetInt64(), day8.GetProperty("actual").GetInt64()));
        Assert.True(day8.GetProperty("bounceRate").GetDouble() > 0.09);
        Assert.Equal(56, timeline.GetArrayLength());
    }

    [Fact]
    public async Task List_hygiene_bounces_are_shown_apart_and_never_hold_the_warmup()
    {
        Assert.Equal(HttpStatusCode.Created, (await _admin.PostAsJsonAsync("/api/v1/egress-sources", new { name = "warm3", bindAddress = "127.0.0.6" })).StatusCode);
        var plans = await _admin.GetFromJsonAsync<JsonElement>("/api/v1/warmup/plans");
        var template = plans.EnumerateArray().Single(p => p.GetProperty("name").GetString() == WarmupTemplates.EightWeekName);
        var attached = await _admin.PostAsJsonAsync("/api/v1/warmup/attachments", new { source = "warm3", planId = template.GetProperty("id").GetInt32(), startDate = "2031-03-01" });
        var id = (await attached.ReadJsonAsync()).GetProperty("id").GetInt32();

        // 40 invalid recipients out of 200 finished (20 %): a dirty list, not a reputation problem.
        Limiter.RecordSent("warm3", null, 200);
        Limiter.RecordDelivered("warm3", null, 158);
        Limiter.RecordHygieneBounced("warm3", null, 40);
        Limiter.RecordBounced("warm3", null, 2); // 1 % reputation bounces
        await Runtime.TickAsync();

        var attachment = await Attachment(id);
        Assert.Equal("Active", attachment.GetProperty("state").GetString());
        var day = await Day(T0, "warm3");
        Assert.Equal((2L, 40L), (day.Bounced, day.HygieneBounced));
        var timeline = await _admin.GetFromJsonAsync<JsonElement>($"/api/v1/warmup/attachments/{id}/timeline");
        var first = timeline.EnumerateArray().First();
        Assert.Equal(0.01, first.GetProperty("bounceRate").GetDouble(), 6);
        Assert.Equal(40, first.GetProperty("hygieneBounced").GetInt64());
        Assert.Equal(0.2, first.GetProperty("hygieneRate").GetDouble(), 6);

        // The same share of reputation bounces holds it.
        Limiter.RecordBounced("warm3", null, 40);
        await Runtime.TickAsync();
        Assert.Equal("Held", (await Attachment(id)).GetProperty("state").GetString());
    }

    [Fact]
    public async Task Complaints_are_attributed_to_the_source_of_the_reported_ip()
    {
        Assert.Equal(HttpStatusCode.Created, (await _admin.PostAsJsonAsync("/api/v1/egress-sources", new { name = "warm2", bindAddress = "127.0.0.5" })).StatusCode);
        _factory.Services.GetRequiredService<IEventSink>().Write(new MtaEvent
        {
            Type = MtaEventType.Feedback, Timestamp = _clock.GetUtcNow(), EgressIp = "127.0.0.5", Recipient = "someone@gmail.com", Detail = "feedback-type: abuse",
        });
        await Runtime.TickAsync();
        Assert.Equal(1, (await Day(T0, "warm2")).Complaints);
        Assert.Equal(1, (await Day(T0, "warm2", "gmail")).Complaints);
    }

    private long Cap(string source) => Limiter.Caps.Single(c => c.Source == source && c.Provider is null).DailyLimit;

    private async Task<JsonElement> Attachment(int id) =>
        (await _admin.GetFromJsonAsync<JsonElement>("/api/v1/warmup/attachments")).EnumerateArray().Single(a => a.GetProperty("id").GetInt32() == id);

    private async Task<WarmupDayRecord> Day(DateTimeOffset at, string source = "warm1", string provider = "")
    {
        await using var db = await _factory.Services.GetRequiredService<IDbContextFactory<ApplianceDbContext>>().CreateDbContextAsync();
        var day = DateOnly.FromDateTime(at.UtcDateTime);
        return await db.WarmupDays.AsNoTracking().SingleAsync(d => d.Day == day && d.Source == source && d.Provider == provider);
    }
}
