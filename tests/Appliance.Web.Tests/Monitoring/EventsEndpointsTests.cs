using System.Net;
using Appliance.Mta.Events;
using Appliance.Web.Tests.Infrastructure;
using static Appliance.Web.Tests.Monitoring.MonitoringApi;

namespace Appliance.Web.Tests.Monitoring;

public sealed class EventsEndpointsTests : IClassFixture<ApplianceFactory>
{
    // Far from "now", so events the running engine writes itself never fall in these hours.
    private static readonly DateTimeOffset T0 = new(2030, 3, 1, 10, 15, 0, TimeSpan.Zero);
    private readonly ApplianceFactory _factory;

    public EventsEndpointsTests(ApplianceFactory factory)
    {
        _factory = factory;
        lock (typeof(EventsEndpointsTests))
        {
            if (File.Exists(Path.Combine(factory.DataDir, "events", $"events-{T0.UtcDateTime:yyyyMMddHH}.jsonl"))) return;
            WriteEvents(factory.DataDir,
            [
                Event(MtaEventType.Reception, "m1", "acme", T0, "a@example.net", "news@acme.test"),
                Event(MtaEventType.Delivery, "m1", "acme", T0.AddMinutes(1), "a@example.net", "news@acme.test"),
                Event(MtaEventType.Reception, "m2", "globex", T0.AddHours(1), "b@example.org", "info@globex.test"),
                Event(MtaEventType.Bounce, "m2", "globex", T0.AddHours(2), "b@example.org", "info@globex.test"),
            ]);
            // An event whose file name says another hour: found only when that hour's file is opened.
            WriteEvents(factory.DataDir, [Event(MtaEventType.Delivery, "m3", "acme", T0.AddHours(1), "c@example.net")], fileHour: T0.AddDays(-10));
        }
    }

    [Fact]
    public async Task Filters_by_sender_tenant_and_recipient_newest_first()
    {
        var admin = _factory.CreateAdminClient();

        var bySender = await admin.EventsAsync("?sender=news@acme.test");
        var byTenant = await admin.EventsAsync("?tenant=globex");
        var byDomain = await admin.EventsAsync("?recipient=@example.org");

        Assert.Equal(["delivery", "reception"], bySender.Select(e => e.GetProperty("type").GetString()));
        Assert.All(byTenant, e => Assert.Equal("m2", e.GetProperty("messageId").GetString()));
        Assert.Equal(2, byTenant.Count);
        Assert.Equal(["bounce", "reception"], byDomain.Select(e => e.GetProperty("type").GetString()));
    }

    [Fact]
    public async Task Time_range_is_from_inclusive_to_exclusive()
    {
        var from = Uri.EscapeDataString(T0.AddMinutes(1).ToString("O"));
        var to = Uri.EscapeDataString(T0.AddHours(2).ToString("O"));

        var events = await _factory.CreateAdminClient().EventsAsync($"?from={from}&to={to}");

        Assert.Equal(["m2", "m1"], events.Select(e => e.GetProperty("messageId").GetString()));
    }

    [Fact]
    public async Task Files_outside_the_time_range_are_not_opened()
    {
        var admin = _factory.CreateAdminClient();
        var from = Uri.EscapeDataString(T0.ToString("O"));

        var all = await admin.EventsAsync("?messageId=m3");
        var inRange = await admin.EventsAsync($"?messageId=m3&from={from}");

        Assert.Single(all);
        Assert.Empty(inRange);
    }

    [Fact]
    public async Task Limit_cuts_the_list_and_says_there_is_more()
    {
        var response = await _factory.CreateAdminClient().GetAsync("/api/v1/events?tenant=acme&limit=1");
        var body = await response.ReadJsonAsync();

        Assert.Single(body.GetProperty("events").EnumerateArray());
        Assert.True(body.GetProperty("more").GetBoolean());
    }

    [Theory]
    [InlineData("?limit=0")]
    [InlineData("?limit=5000")]
    [InlineData("?from=2030-03-02T00:00:00Z&to=2030-03-01T00:00:00Z")]
    public async Task Bad_parameters_are_a_validation_problem(string query)
    {
        var response = await _factory.CreateAdminClient().GetAsync("/api/v1/events" + query);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }
}
