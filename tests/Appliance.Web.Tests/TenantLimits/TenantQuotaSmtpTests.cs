using System.Net;
using System.Net.Http.Json;
using Appliance.Mta.Admin;
using Appliance.Web.Tests.Infrastructure;
using Appliance.Web.Tests.Webhooks;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace Appliance.Web.Tests.TenantLimits;

/// <summary>
/// Issue 20's quota acceptance over a real SMTP client (Python smtplib) and HTTP injection, on the real host: a quota
/// of 5 messages per hour refuses the 6th with 452 4.7.0 and 429 also after a restart; the month quota gives 550 5.7.0;
/// the 80 % warning reaches the tenant's webhook; size and recipients per message are refused at MAIL and RCPT.
/// </summary>
public sealed class TenantQuotaSmtpTests
{
    private static Dictionary<string, string?> RelaySettings() => new()
    {
        ["Appliance:Smtp:Relay"] = "127.0.0.1:0",
        // Loopback relays without AUTH for the default tenant (MtaOptions.DefaultTenant).
        ["Appliance:Smtp:RelayHosts"] = "127.0.0.0/8",
    };

    private static int RelayPort(ApplianceFactory factory) => factory.Services.GetRequiredService<IMtaStatus>().Listeners["relay"].Port;

    private static async Task PutQuotasAsync(HttpClient admin, object quotas)
    {
        var response = await admin.PutAsJsonAsync("/api/v1/tenants/default/quotas", quotas);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    private static Task<HttpResponseMessage> InjectAsync(HttpClient admin, int n) =>
        admin.PostAsJsonAsync("/api/v1/messages", new { from = "app@shop.example", to = new[] { $"http{n}@example.net" }, subject = "q", text = "b", tenantId = "default" });

    private static Task<IReadOnlyList<string>> SendAsync(ApplianceFactory factory, int n) =>
        PythonSmtpClient.SendAsync(RelayPort(factory), "app@shop.example", [$"user{n}@example.net"]);

    [Fact]
    public async Task The_sixth_message_of_an_hourly_quota_of_5_gets_452_over_smtp_and_429_over_http_also_after_a_restart_and_80_percent_reaches_the_webhook()
    {
        var dataDir = Directory.CreateTempSubdirectory("appliance-quota-smtp-").FullName;
        try
        {
            await using var receiver = await LoopbackWebhookReceiver.StartAsync();
            using (var first = ApplianceFactory.WithSettings(RelaySettings(), dataDir))
            {
                var admin = first.CreateAdminClient();
                await PutQuotasAsync(admin, new { hourlyMessageLimit = 5 });
                var hook = await admin.PostAsJsonAsync("/api/v1/tenants/default/webhooks", new { url = receiver.Url, eventTypes = new[] { "Alert" } });
                Assert.Equal(HttpStatusCode.Created, hook.StatusCode);

                for (var i = 1; i <= 3; i++) Assert.StartsWith("DATA 250", (await SendAsync(first, i))[^1], StringComparison.Ordinal);
                Assert.DoesNotContain(receiver.Events, e => e.GetProperty("type").GetString() == "Alert");
                Assert.StartsWith("DATA 250", (await SendAsync(first, 4))[^1], StringComparison.Ordinal); // 4 of 5: 80 %
                await WebhookTestHost.WaitUntilAsync(() => receiver.Events.Any(IsWarning80), "the 80 % warning reaches the tenant's webhook");
                Assert.StartsWith("DATA 250", (await SendAsync(first, 5))[^1], StringComparison.Ordinal);

                var sixth = await SendAsync(first, 6);
                Assert.StartsWith("RCPT 452 4.7.0 Tenant default hourly quota of 5 messages reached; retry after", sixth[^1], StringComparison.Ordinal);
                Assert.DoesNotContain(sixth, l => l.StartsWith("DATA", StringComparison.Ordinal));
                await AssertHttp429Async(admin, "hour");
                Assert.Single(receiver.Events, IsWarning80); // once per window
            } // a graceful stop stores the counters
            SqliteConnection.ClearAllPools();

            using var second = ApplianceFactory.WithSettings(RelaySettings(), dataDir);
            var after = await SendAsync(second, 7);
            Assert.StartsWith("RCPT 452 4.7.0 Tenant default hourly quota of 5", after[^1], StringComparison.Ordinal);
            await AssertHttp429Async(second.CreateAdminClient(), "hour");
        }
        finally
        {
            TestDatabase.Drop(dataDir);
            SqliteConnection.ClearAllPools();
            try { Directory.Delete(dataDir, recursive: true); } catch (IOException) { }
        }
    }

    [Fact]
    public async Task The_month_quota_gives_550_5_7_0_and_size_and_recipients_per_message_are_refused_at_mail_and_rcpt()
    {
        using var factory = ApplianceFactory.WithSettings(RelaySettings());
        var admin = factory.CreateAdminClient();
        await PutQuotasAsync(admin, new { monthlyMessageLimit = 2, maxRecipientsPerMessage = 2, maxMessageSizeBytes = 4096 });
        var port = RelayPort(factory);

        // RFC 5321 §4.5.3.1.10: the 3rd recipient gets 452 4.5.3; the message goes to the first two.
        var three = await PythonSmtpClient.SendAsync(port, "app@shop.example", ["a@example.net", "b@example.net", "c@example.net"]);
        var rcpts = three.Where(l => l.StartsWith("RCPT", StringComparison.Ordinal)).ToList();
        Assert.Equal(3, rcpts.Count);
        Assert.StartsWith("RCPT 250", rcpts[0], StringComparison.Ordinal);
        Assert.StartsWith("RCPT 250", rcpts[1], StringComparison.Ordinal);
        Assert.StartsWith("RCPT 452 4.5.3 Tenant default allows at most 2 recipients per message", rcpts[2], StringComparison.Ordinal);
        Assert.StartsWith("DATA 250", three[^1], StringComparison.Ordinal);
        // RFC 1870 §6: a declared SIZE over the tenant's maximum is refused at MAIL FROM.
        Assert.StartsWith("MAIL 552 5.3.4 Tenant default allows messages of at most 4096 bytes",
            (await PythonSmtpClient.SendAsync(port, "app@shop.example", ["a@example.net"], size: 10_000))[0], StringComparison.Ordinal);
        Assert.StartsWith("DATA 250", (await PythonSmtpClient.SendAsync(port, "app@shop.example", ["d@example.net"]))[^1], StringComparison.Ordinal);

        var third = await PythonSmtpClient.SendAsync(port, "app@shop.example", ["e@example.net"]);
        Assert.StartsWith("RCPT 550 5.7.0 Tenant default monthly quota of 2 messages reached until", third[^1], StringComparison.Ordinal);
        await AssertHttp429Async(admin, "month");
    }

    private static async Task AssertHttp429Async(HttpClient admin, string window)
    {
        var refused = await InjectAsync(admin, 99);
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        Assert.InRange(refused.Headers.RetryAfter?.Delta?.TotalSeconds ?? -1, 1, 31 * 86400);
        var problem = await refused.ReadJsonAsync();
        Assert.Equal(window, problem.GetProperty("window").GetString());
    }

    private static bool IsWarning80(System.Text.Json.JsonElement e) =>
        e.GetProperty("type").GetString() == "Alert" && e.TryGetProperty("detail", out var d) && d.GetString()!.StartsWith("Tenant quota 80%: tenant default used 4 of its hourly quota of 5", StringComparison.Ordinal);
}
