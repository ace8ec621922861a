using System.Net;
using System.Net.Http.Json;
using Appliance.Mta.Shaping;
using Appliance.Web.Services;
using Appliance.Web.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Appliance.Web.Tests.Pools;

/// <summary>
/// /api/v1/shaping over the real host: the shipped provider rules, overrides validated (field and engine errors),
/// applied live to the <see cref="TrafficShaper"/> with their origin, audited, and active backoffs listed and cleared.
/// </summary>
public sealed class ShapingApiTests : IClassFixture<ApplianceFactory>
{
    private const string GmailSite = "gmail-smtp-in.l.google.com,alt1.gmail-smtp-in.l.google.com";
    private readonly ApplianceFactory _factory;
    private readonly HttpClient _admin;

    public ShapingApiTests(ApplianceFactory factory)
    {
        _factory = factory;
        _admin = factory.CreateAdminClient();
    }

    private TrafficShaper Shaper => _factory.Services.GetRequiredService<TrafficShaper>();

    [Fact]
    public async Task Rules_list_the_shipped_providers()
    {
        var rules = await (await _admin.GetAsync("/api/v1/shaping/rules")).ReadJsonAsync();
        var gmail = rules.GetProperty("providers").EnumerateArray().Single(p => p.GetProperty("name").GetString() == "gmail");
        Assert.Equal(10, gmail.GetProperty("limits").GetProperty("maxConnections").GetInt32());
        Assert.Contains(gmail.GetProperty("backoff").EnumerateArray(), b => b.GetProperty("action").GetString() == "suspend");
    }

    [Fact]
    public async Task Bad_overrides_are_refused_with_messages()
    {
        var badRate = await _admin.PostAsJsonAsync("/api/v1/shaping/overrides", new { name = "r1", domains = new[] { "example.com" }, limits = new { messageRate = "fast" } });
        Assert.Equal(HttpStatusCode.BadRequest, badRate.StatusCode);
        Assert.Contains("not a rate", (await badRate.ReadJsonAsync()).GetProperty("errors").GetProperty("limits.messageRate")[0].GetString(), StringComparison.Ordinal);

        var badProvider = await _admin.PostAsJsonAsync("/api/v1/shaping/overrides", new { name = "r2", provider = "hotpost" });
        Assert.Contains("No provider rule 'hotpost'", await badProvider.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        // Engine validation: matches nothing, bad regex, out-of-range connections.
        var engine = await _admin.PostAsJsonAsync("/api/v1/shaping/overrides", new
        {
            name = "r3", limits = new { maxConnections = 0 }, backoff = new[] { new { name = "b", pattern = "(unclosed" } },
        });
        Assert.Equal(HttpStatusCode.BadRequest, engine.StatusCode);
        var messages = string.Join(" ", (await engine.ReadJsonAsync()).GetProperty("errors").GetProperty("rule").EnumerateArray().Select(e => e.GetString()));
        Assert.Contains("matches nothing", messages, StringComparison.Ordinal);
        Assert.Contains("maxConnections must be 1", messages, StringComparison.Ordinal);
        Assert.Contains("bad pattern", messages, StringComparison.Ordinal);
        Assert.Empty(Shaper.Rules.Overrides);
    }

    [Fact]
    public async Task An_override_applies_live_with_its_origin_and_is_audited()
    {
        Assert.Equal(LimitOrigin.Provider, Shaper.Resolve("default", GmailSite, "gmail.com").MaxConnections.Origin);
        var created = await _admin.PostAsJsonAsync("/api/v1/shaping/overrides", new { name = "gmail-slow", provider = "gmail", limits = new { maxConnections = 3, messageRate = "600/min" } });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var shaping = Shaper.Resolve("default", GmailSite, "gmail.com");
        Assert.Equal((3, LimitOrigin.Override, "gmail-slow"), (shaping.MaxConnections.Value, shaping.MaxConnections.Origin, shaping.MaxConnections.Rule));
        Assert.Equal("600/min", shaping.MessageRate.Value!.ToString());
        Assert.Equal(LimitOrigin.Provider, shaping.MessagesPerConnection.Origin);

        var updated = await _admin.PutAsJsonAsync("/api/v1/shaping/overrides/gmail-slow", new { name = "ignored", provider = "gmail", limits = new { maxConnections = 4 } });
        Assert.Equal(HttpStatusCode.OK, updated.StatusCode);
        Assert.Equal(4, Shaper.Resolve("default", GmailSite, "gmail.com").MaxConnections.Value);
        Assert.Equal(HttpStatusCode.Conflict, (await _admin.PostAsJsonAsync("/api/v1/shaping/overrides", new { name = "gmail-slow", provider = "gmail" })).StatusCode);
        var listed = await _admin.GetFromJsonAsync<List<System.Text.Json.JsonElement>>("/api/v1/shaping/overrides");
        Assert.Equal(4, listed!.Single().GetProperty("limits").GetProperty("maxConnections").GetInt32());

        Assert.Equal(HttpStatusCode.NoContent, (await _admin.DeleteAsync("/api/v1/shaping/overrides/gmail-slow")).StatusCode);
        Assert.Equal(LimitOrigin.Provider, Shaper.Resolve("default", GmailSite, "gmail.com").MaxConnections.Origin);
        var (entries, _) = await _factory.Services.GetRequiredService<IAuditLog>().ListAsync(0, 100);
        Assert.Contains(entries, e => e.Action == "shaping-override.create" && e.Target == "gmail-slow");
        Assert.Contains(entries, e => e.Action == "shaping-override.delete" && e.Target == "gmail-slow");
    }

    [Fact]
    public async Task Active_backoffs_are_listed_with_their_trigger_and_can_be_cleared()
    {
        var rule = Shaper.Rules.Providers.Single(p => p.Name == "yahoo").Backoff.Single(b => b.Name == "yahoo-tss09");
        const string response = "421 4.7.0 [TSS09] All messages from 192.0.2.1 will be permanently deferred";
        var fired = Shaper.Backoff.Observe("default", "mta5.am0.yahoodns.net", [rule], response);
        Assert.Single(fired);

        var list = await (await _admin.GetAsync("/api/v1/shaping/backoffs")).ReadJsonAsync();
        var backoff = list.EnumerateArray().Single(b => b.GetProperty("rule").GetString() == "yahoo-tss09");
        Assert.Equal(response, backoff.GetProperty("triggerResponse").GetString());
        Assert.Equal("suspend", backoff.GetProperty("action").GetString());
        Assert.True(backoff.GetProperty("until").GetDateTimeOffset() > DateTimeOffset.UtcNow.AddHours(3));

        var key = Uri.EscapeDataString(backoff.GetProperty("key").GetString()!);
        Assert.Equal(HttpStatusCode.NoContent, (await _admin.DeleteAsync($"/api/v1/shaping/backoffs?rule=yahoo-tss09&key={key}")).StatusCode);
        Assert.Empty(Shaper.Backoff.Active());
        Assert.Equal(HttpStatusCode.NotFound, (await _admin.DeleteAsync($"/api/v1/shaping/backoffs?rule=yahoo-tss09&key={key}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await _admin.GetAsync("/api/v1/shaping/queues")).StatusCode);
    }
}
