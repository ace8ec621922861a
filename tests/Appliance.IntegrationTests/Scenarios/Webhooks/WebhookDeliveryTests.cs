using System.Net.Http.Json;
using System.Text.Json;
using Appliance.IntegrationTests.Infrastructure;
using Xunit.Abstractions;

namespace Appliance.IntegrationTests.Scenarios.Webhooks;

/// <summary>
/// Webhooks from the real appliance process (issue 8): an endpoint subscribed to Bounce events is created through the
/// API, mail is bounced by the sink (550 5.1.1), and the loopback receiver gets a POST whose
/// <c>X-Appliance-Signature</c> verifies with the secret the API returned once, carrying the Bounce event.
/// </summary>
public sealed class WebhookDeliveryTests(MailEnvironment env, ITestOutputHelper output) : IClassFixture<MailEnvironment>
{
    [IntegrationFact(MailEnvironment.Requires)]
    public async Task Bounce_arrives_as_a_signed_webhook()
    {
        await using var receiver = WebhookReceiver.Start();
        var secret = await CreateWebhookAsync(env.Appliance.Api, "default", receiver.Url("/hooks/bounces"), ["Bounce"]);

        var t = TestMessages.Token();
        var sender = $"app-{t}@{TestZone.SenderDomain}";
        var reject = $"reject-{t}@{TestZone.Outcome}";
        var ok = $"ok-{t}@{TestZone.Outcome}";
        var sent = await SmtpSubmit.SendAsync(env.Appliance.Settings.RelayPort, sender, [reject, ok], TestMessages.Build(sender, reject, $"hook {t}", true));
        Assert.True(sent.Accepted, sent.ToString());

        Assert.True(
            await Eventually.TryAsync(() => receiver.Requests.Any(r => Events(r).Any(e => Is(e, "Bounce", reject))), TimeSpan.FromSeconds(30)),
            $"no webhook with the bounce; {receiver.Requests.Count} requests\n{await env.DiagnosticsAsync()}");
        var request = receiver.Requests.First(r => Events(r).Any(e => Is(e, "Bounce", reject)));
        output.WriteLine(System.Text.Encoding.UTF8.GetString(request.Body));

        Assert.Equal("/hooks/bounces", request.Path);
        Assert.StartsWith("application/json", request.Headers["Content-Type"], StringComparison.OrdinalIgnoreCase);
        var signature = request.Headers["X-Appliance-Signature"];
        Assert.True(WebhookSignatureCheck.IsValid(secret, signature, request.Body, TimeSpan.FromMinutes(5)), $"signature {signature} does not verify");
        Assert.False(WebhookSignatureCheck.IsValid(secret + "x", signature, request.Body, TimeSpan.FromMinutes(5)), "a wrong secret verified");
        var tampered = request.Body.ToArray();
        tampered[^3] ^= 1;
        Assert.False(WebhookSignatureCheck.IsValid(secret, signature, tampered, TimeSpan.FromMinutes(5)), "a changed body verified");

        // The filter holds: only Bounce events are posted (the delivered recipient's Delivery is not).
        var bounce = Events(request).First(e => Is(e, "Bounce", reject));
        Assert.Equal("InvalidRecipient", bounce.GetProperty("category").GetString());
        Assert.All(receiver.Requests.SelectMany(Events), e => Assert.Equal("Bounce", e.GetProperty("type").GetString()));
    }

    /// <summary>POST /api/v1/tenants/{tenant}/webhooks; returns the secret shown once.</summary>
    internal static async Task<string> CreateWebhookAsync(ApplianceApi api, string tenant, string url, string[] eventTypes)
    {
        using var resp = await api.Http.PostAsJsonAsync($"api/v1/tenants/{tenant}/webhooks", new { url, eventTypes, enabled = true });
        var body = await resp.Content.ReadAsStringAsync();
        Assert.True(resp.IsSuccessStatusCode, body);
        using var doc = JsonDocument.Parse(body);
        return doc.RootElement.GetProperty("secret").GetString()!;
    }

    private static IEnumerable<JsonElement> Events(WebhookReceiver.Request r)
    {
        using var doc = JsonDocument.Parse(r.Body);
        return [.. doc.RootElement.GetProperty("events").EnumerateArray().Select(e => e.Clone())];
    }

    private static bool Is(JsonElement e, string type, string recipient) =>
        e.GetProperty("type").GetString() == type && e.TryGetProperty("recipient", out var r) && string.Equals(r.GetString(), recipient, StringComparison.OrdinalIgnoreCase);
}
