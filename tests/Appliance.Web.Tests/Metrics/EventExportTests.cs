using System.Net;
using System.Text.Json;
using Appliance.Mta.Events;
using Appliance.Web.Tests.Infrastructure;
using static Appliance.Web.Tests.Monitoring.MonitoringApi;

namespace Appliance.Web.Tests.Metrics;

public sealed class EventExportTests : IClassFixture<ApplianceFactory>
{
    // Far from "now", so the engine's own events never fall in these hours.
    private static readonly DateTimeOffset T0 = new(2031, 7, 1, 8, 0, 0, TimeSpan.Zero);
    private readonly ApplianceFactory _factory;

    public EventExportTests(ApplianceFactory factory)
    {
        _factory = factory;
        lock (typeof(EventExportTests))
        {
            if (File.Exists(Path.Combine(factory.DataDir, "events", $"events-{T0.UtcDateTime:yyyyMMddHH}.jsonl"))) return;
            WriteEvents(factory.DataDir,
            [
                Event(MtaEventType.Reception, "e1", "exp", T0, "a@example.net", "news@exp.test"),
                Event(MtaEventType.Bounce, "e1", "exp", T0.AddMinutes(1), "a@example.net", "news@exp.test") with { Response = "550 5.1.1 \"no\", such user" },
                Event(MtaEventType.Reception, "e2", "other", T0.AddMinutes(2), "b@example.org", "x@other.test"),
            ]);
        }
    }

    [Fact]
    public async Task Csv_export_has_a_header_and_one_quoted_row_per_event_newest_first()
    {
        var response = await _factory.CreateAdminClient().GetAsync("/api/v1/events/export?format=csv&tenant=exp");
        var lines = (await response.Content.ReadAsStringAsync()).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        Assert.StartsWith("timestamp,type,messageId", lines[0]);
        Assert.Equal(3, lines.Length);
        Assert.StartsWith("2031-07-01T08:01:00.000Z,Bounce,e1,,exp,news@exp.test,a@example.net", lines[1]);
        Assert.Contains(",\"550 5.1.1 \"\"no\"\", such user\",", lines[1]);
        Assert.StartsWith("2031-07-01T08:00:00.000Z,Reception,e1", lines[2]);
    }

    [Fact]
    public async Task Json_export_is_an_array_of_the_matching_events()
    {
        var response = await _factory.CreateAdminClient().GetAsync("/api/v1/events/export?format=json&recipient=@example.org");
        using var doc = JsonDocument.Parse(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        var only = Assert.Single(doc.RootElement.EnumerateArray());
        Assert.Equal("e2", only.GetProperty("messageId").GetString());
    }

    [Theory]
    [InlineData("?format=xml")]
    [InlineData("?format=csv&limit=0")]
    public async Task Bad_parameters_are_a_validation_problem(string query)
    {
        var response = await _factory.CreateAdminClient().GetAsync("/api/v1/events/export" + query);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task Without_an_api_key_the_export_is_refused()
    {
        var response = await _factory.CreateClient().GetAsync("/api/v1/events/export?format=csv");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }
}
