using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Appliance.Mta.Bounces.Classification;
using Appliance.Mta.Queue;
using Appliance.Web.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Appliance.Web.Tests.BounceRules;

/// <summary>/api/v1/bounce-rules over the real host: validation problems, create/update/delete applied live to the
/// classifier the engine's queue uses, the dry-run test endpoint and the uncategorized view.</summary>
public sealed class BounceRulesApiTests : IClassFixture<ApplianceFactory>
{
    private readonly ApplianceFactory _factory;
    private readonly HttpClient _admin;

    public BounceRulesApiTests(ApplianceFactory factory)
    {
        _factory = factory;
        _admin = factory.CreateAdminClient();
    }

    [Fact]
    public async Task List_shows_the_shipped_rules()
    {
        using var rules = JsonDocument.Parse(await _admin.GetStringAsync("/api/v1/bounce-rules"));
        Assert.Contains(rules.RootElement.EnumerateArray(), r => r.GetProperty("source").GetString() == "shipped" && r.GetProperty("id").GetString() == "gmail-nonexistent");
    }

    [Fact]
    public async Task Invalid_rules_get_problem_details_with_clear_messages()
    {
        var badRegex = await _admin.PostAsJsonAsync("/api/v1/bounce-rules/bad-regex", new { pattern = "(unclosed", category = "InvalidRecipient" });
        Assert.Equal(HttpStatusCode.BadRequest, badRegex.StatusCode);
        Assert.Contains("not a valid regular expression", await badRegex.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var badCategory = await _admin.PostAsJsonAsync("/api/v1/bounce-rules/bad-category", new { pattern = "x", category = "Nope" });
        Assert.Equal(HttpStatusCode.BadRequest, badCategory.StatusCode);
        Assert.Contains("unknown category 'Nope'", await badCategory.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var shippedId = await _admin.PostAsJsonAsync("/api/v1/bounce-rules/gmail-nonexistent", new { pattern = "x", category = "SpamBlock" });
        Assert.Equal(HttpStatusCode.BadRequest, shippedId.StatusCode);
        Assert.Contains("used twice", await shippedId.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Custom_rules_apply_live_to_the_engine_classifier()
    {
        var classifier = _factory.Services.GetRequiredService<BounceClassifier>();
        Assert.Same(classifier, _factory.Services.GetRequiredService<OutcomeApplier>().Classifier);
        const string text = "mailbox quarantined by zorblax filter";
        Assert.Equal(BounceCategory.Uncategorized, classifier.Classify(550, null, text).Category);

        var created = await _admin.PostAsJsonAsync("/api/v1/bounce-rules/zorblax", new { pattern = "zorblax", category = "SpamContent" });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal(BounceCategory.SpamContent, classifier.Classify(550, null, text).Category);

        var conflict = await _admin.PostAsJsonAsync("/api/v1/bounce-rules/zorblax", new { pattern = "zorblax", category = "SpamContent" });
        Assert.Equal(HttpStatusCode.Conflict, conflict.StatusCode);

        var updated = await _admin.PutAsJsonAsync("/api/v1/bounce-rules/zorblax", new { pattern = "zorblax", category = "InactiveMailbox", hard = true });
        Assert.Equal(HttpStatusCode.OK, updated.StatusCode);
        var verdict = classifier.Classify(450, null, text);
        Assert.Equal(BounceCategory.InactiveMailbox, verdict.Category);
        Assert.True(verdict.Hard);

        using (var list = JsonDocument.Parse(await _admin.GetStringAsync("/api/v1/bounce-rules")))
            Assert.Equal("custom", list.RootElement[0].GetProperty("source").GetString());

        Assert.Equal(HttpStatusCode.NoContent, (await _admin.DeleteAsync("/api/v1/bounce-rules/zorblax")).StatusCode);
        Assert.Equal(BounceCategory.Uncategorized, classifier.Classify(550, null, text).Category);
        Assert.Equal(HttpStatusCode.NotFound, (await _admin.DeleteAsync("/api/v1/bounce-rules/zorblax")).StatusCode);
    }

    [Fact]
    public async Task Test_and_uncategorized_endpoints_answer()
    {
        var test = await _admin.PostAsJsonAsync("/api/v1/bounce-rules/test", new { pattern = "user unknown", category = "InvalidRecipient" });
        Assert.Equal(HttpStatusCode.OK, test.StatusCode);
        using (var body = JsonDocument.Parse(await test.Content.ReadAsStringAsync()))
            Assert.True(body.RootElement.GetProperty("examined").GetInt32() >= body.RootElement.GetProperty("matched").GetInt32());
        var bad = await _admin.PostAsJsonAsync("/api/v1/bounce-rules/test", new { pattern = "[", category = "InvalidRecipient" });
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var uncategorized = await _admin.GetAsync("/api/v1/bounces/uncategorized?top=5");
        Assert.Equal(HttpStatusCode.OK, uncategorized.StatusCode);
    }

    [Fact]
    public void Similar_responses_group_together()
    {
        Assert.Equal(Appliance.Web.Modules.BounceRules.ResponseGroups.Mask("550 5.7.1 Rejected from 192.0.2.1 for a@b.example id AB12cd34ef"),
            Appliance.Web.Modules.BounceRules.ResponseGroups.Mask("550 5.7.1 Rejected from 198.51.100.7 for x@y.example id ZZ99yy88xx"));
    }
}
