using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using Appliance.Mta.Events;
using Appliance.Web.Modules.Webhooks.Alerts;
using Appliance.Web.Tests.Infrastructure;
using Appliance.Web.Tests.Monitoring;
using Microsoft.Extensions.DependencyInjection;
using static Appliance.Web.Tests.Webhooks.WebhookTestHost;

namespace Appliance.Web.Tests.Webhooks;

/// <summary>
/// System webhooks (global admins only) get every tenant's events and the tenant-less alerts; the alert digest is
/// mailed through the appliance's own queue to a real SMTP receiver (aiosmtpd) on loopback.
/// </summary>
public sealed class SystemWebhookTests
{
    private static void EmitAlert(WebhookTestHost host, string? tenant, string detail) =>
        host.Factory.Services.GetRequiredService<IEventSink>().Write(new MtaEvent
        {
            Type = MtaEventType.Alert, Timestamp = DateTimeOffset.UtcNow, Tenant = tenant, Detail = detail,
        });

    [Fact]
    public async Task A_system_endpoint_receives_a_tenantless_alert_and_every_tenants_events()
    {
        await using var host = await StartAsync(new() { ["BatchSize"] = "1" });
        var created = await host.Admin.PostAsJsonAsync("/api/v1/system/webhooks", new { url = host.Receiver.Url, eventTypes = new[] { "Alert", "Delivery" } });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var system = (await created.ReadJsonAsync()).GetProperty("id").GetString()!;
        var (tenantHook, _) = await host.CreateEndpointAsync("default", "Alert", "Delivery");

        EmitAlert(host, null, "Disk low: 100 MiB free (test)");
        host.Emit(MtaEventType.Delivery, "default", "tenant-delivery");
        await WaitUntilAsync(() => host.Receiver.Received.Count == 3 && host.Dispatcher.Backlog == 0, "the three deliveries");

        var bySystem = host.Receiver.Received.Where(r => r.Json.GetProperty("webhookId").GetString() == system).SelectMany(r => r.Events).ToList();
        Assert.Contains(bySystem, e => e.GetProperty("type").GetString() == "Alert" && e.GetProperty("detail").GetString() == "Disk low: 100 MiB free (test)");
        Assert.Contains(bySystem, e => e.TryGetProperty("messageId", out var m) && m.GetString() == "tenant-delivery");
        // The tenant's endpoint gets its own delivery, never the system alert.
        var byTenant = host.Receiver.Received.Where(r => r.Json.GetProperty("webhookId").GetString() == tenantHook).SelectMany(r => r.Events).ToList();
        Assert.Equal(["tenant-delivery"], byTenant.Select(e => e.GetProperty("messageId").GetString()));

        var list = await (await host.Admin.GetAsync("/api/v1/system/webhooks")).ReadJsonAsync();
        Assert.Equal(system, Assert.Single(list.EnumerateArray()).GetProperty("id").GetString());
    }

    [Fact]
    public async Task Tenant_scoped_keys_can_neither_list_create_nor_see_system_endpoints()
    {
        await using var host = await StartAsync([]);
        var created = await host.Admin.PostAsJsonAsync("/api/v1/system/webhooks", new { url = host.Receiver.Url, eventTypes = new[] { "Alert" } });
        var system = (await created.ReadJsonAsync()).GetProperty("id").GetString()!;
        var key = await host.Admin.CreateKeyAsync("default", "Admin", "tenant-admin");
        using var tenantAdmin = host.Factory.WithKey(key);

        Assert.Equal(HttpStatusCode.Forbidden, (await tenantAdmin.GetAsync("/api/v1/system/webhooks")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await tenantAdmin.PostAsJsonAsync("/api/v1/system/webhooks", new { url = host.Receiver.Url, eventTypes = new[] { "Alert" } })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await tenantAdmin.GetAsync($"/api/v1/webhooks/{system}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await tenantAdmin.DeleteAsync($"/api/v1/webhooks/{system}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await tenantAdmin.GetAsync("/api/v1/tenants/*/webhooks")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await host.Admin.GetAsync($"/api/v1/webhooks/{system}")).StatusCode);
    }

    [Fact]
    public async Task Alert_digest_is_mailed_through_the_queue_to_the_admin_address()
    {
        var root = Directory.CreateTempSubdirectory("appliance-digest-").FullName;
        var maildir = Path.Combine(root, "maildir"); // aiosmtpd's Mailbox handler creates the Maildir itself
        var port = FreePort();
        using var smtpd = Process.Start(new ProcessStartInfo("/usr/bin/python3",
            ["-m", "aiosmtpd", "-n", "-l", $"127.0.0.1:{port}", "-c", "aiosmtpd.handlers.Mailbox", maildir])
        { RedirectStandardError = true, RedirectStandardOutput = true })!;
        try
        {
            await WaitForPortAsync(port);
            await using var host = await StartAsync(new()
            {
                ["Appliance:Alerts:DigestTo"] = "ops@digest.test",
                ["Appliance:Alerts:DigestFrom"] = "alerts@appliance.test",
            });
            var route = await host.Admin.PostAsJsonAsync("/api/v1/routes", new { domain = "digest.test", host = "127.0.0.1", port, tls = "disabled" });
            Assert.True(route.IsSuccessStatusCode, await route.Content.ReadAsStringAsync());

            EmitAlert(host, null, "Backoff in force at gmail.com (test)");
            EmitAlert(host, "default", "DKIM record not published by the deadline (test)");
            var sender = host.Factory.Services.GetRequiredService<AlertDigestSender>();
            Assert.Equal(2, await sender.SendDueAsync(CancellationToken.None));
            Assert.Equal(0, await sender.SendDueAsync(CancellationToken.None));

            var newDir = Path.Combine(maildir, "new");
            for (var i = 0; i < 300 && !(Directory.Exists(newDir) && Directory.EnumerateFiles(newDir).Any()); i++) await Task.Delay(100);
            var events = await host.Admin.GetStringAsync("/api/v1/events?recipient=ops@digest.test");
            Assert.True(Directory.Exists(newDir) && Directory.EnumerateFiles(newDir).Any(), events + " / aiosmtpd: " + (smtpd.HasExited ? await smtpd.StandardError.ReadToEndAsync() : "running"));
            await WaitUntilAsync(() => Directory.Exists(newDir) && Directory.EnumerateFiles(newDir).Any(), "the digest reaches aiosmtpd");
            var mail = await File.ReadAllTextAsync(Directory.EnumerateFiles(newDir).Single());
            Assert.Contains("Subject: [", mail, StringComparison.Ordinal);
            Assert.Contains("2 alert(s)", mail, StringComparison.Ordinal);
            Assert.Contains("Auto-Submitted: auto-generated", mail, StringComparison.Ordinal);
            Assert.Contains("(system)  Backoff in force at gmail.com (test)", mail, StringComparison.Ordinal);
            Assert.Contains("tenant default  DKIM record not published by the deadline (test)", mail, StringComparison.Ordinal);
            Assert.Contains("ops@digest.test", mail, StringComparison.Ordinal);
        }
        finally
        {
            try { smtpd.Kill(); } catch (InvalidOperationException) { }
            try { Directory.Delete(root, recursive: true); } catch (IOException) { }
        }
    }

    [Fact]
    public async Task Pending_alerts_survive_a_restart_and_nothing_is_collected_without_a_digest_address()
    {
        var dataDir = Directory.CreateTempSubdirectory("appliance-digest-restart-").FullName;
        try
        {
            await using (var first = await StartAsync(new() { ["Appliance:Alerts:DigestTo"] = "ops@digest.test" }, dataDir: dataDir))
            {
                EmitAlert(first, null, "Pool complaint rate 0.5 % (test)");
                Assert.Single(first.Factory.Services.GetRequiredService<AlertDigestCollector>().Pending());
            }
            await using (var second = await StartAsync(new() { ["Appliance:Alerts:DigestTo"] = "ops@digest.test" }, dataDir: dataDir))
            {
                var pending = second.Factory.Services.GetRequiredService<AlertDigestCollector>().Pending();
                Assert.Equal("Pool complaint rate 0.5 % (test)", Assert.Single(pending).Detail);
                var composed = System.Text.Encoding.UTF8.GetString(AlertDigestSender.Compose(pending, 10, "a@x.test", "b@x.test", "mta.test", DateTimeOffset.UtcNow));
                Assert.Contains("1 alert(s)", composed, StringComparison.Ordinal);
            }
            await using var off = await StartAsync([], dataDir: Directory.CreateTempSubdirectory("appliance-digest-off-").FullName);
            EmitAlert(off, null, "ignored");
            Assert.Empty(off.Factory.Services.GetRequiredService<AlertDigestCollector>().Pending());
            Assert.Equal(0, await off.Factory.Services.GetRequiredService<AlertDigestSender>().SendDueAsync(CancellationToken.None));
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            try { Directory.Delete(dataDir, recursive: true); } catch (IOException) { }
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static async Task WaitForPortAsync(int port)
    {
        for (var i = 0; i < 200; i++)
        {
            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync(IPAddress.Loopback, port);
                return;
            }
            catch (SocketException)
            {
                await Task.Delay(50);
            }
        }
        Assert.Fail($"aiosmtpd did not listen on {port}");
    }
}
