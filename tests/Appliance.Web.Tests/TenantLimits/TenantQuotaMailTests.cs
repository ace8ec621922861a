using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using Appliance.Mta.Admin;
using Appliance.Web.Data;
using Appliance.Web.Security;
using Appliance.Web.Tests.Infrastructure;
using Appliance.Web.Tests.Webhooks;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace Appliance.Web.Tests.TenantLimits;

/// <summary>
/// Issue 20: the 80 % and 100 % quota warnings reach each TenantAdmin of the tenant by mail, once per window and
/// threshold, through the appliance's own queue (delivered to a real SMTP receiver, aiosmtpd, on loopback), and the
/// warning mails are not counted against any tenant's quota (the 100 % warning goes out although the tenant is full).
/// </summary>
public sealed class TenantQuotaMailTests
{
    [Fact]
    public async Task Quota_warnings_at_80_and_100_percent_are_mailed_once_to_each_tenant_admin_and_not_counted()
    {
        var root = Directory.CreateTempSubdirectory("appliance-quota-mail-").FullName;
        var maildir = Path.Combine(root, "maildir"); // aiosmtpd's Mailbox handler creates the Maildir itself
        var port = FreePort();
        using var smtpd = Process.Start(new ProcessStartInfo("/usr/bin/python3",
            ["-m", "aiosmtpd", "-n", "-l", $"127.0.0.1:{port}", "-c", "aiosmtpd.handlers.Mailbox", maildir])
        { RedirectStandardError = true, RedirectStandardOutput = true })!;
        try
        {
            await WaitForPortAsync(port);
            using var factory = ApplianceFactory.WithSettings(new()
            {
                ["Appliance:Smtp:Relay"] = "127.0.0.1:0",
                ["Appliance:Smtp:RelayHosts"] = "127.0.0.0/8",
                ["Appliance:QuotaWarnings:From"] = "quota@appliance.test",
            });
            var admin = factory.CreateAdminClient();
            foreach (var domain in new[] { "admins.test", "example.net" })
            {
                var route = await admin.PostAsJsonAsync("/api/v1/routes", new { domain, host = "127.0.0.1", port, tls = "disabled" });
                Assert.True(route.IsSuccessStatusCode, await route.Content.ReadAsStringAsync());
            }
            var other = (await (await admin.PostAsJsonAsync("/api/v1/tenants", new { name = "Other" })).ReadJsonAsync()).GetProperty("id").GetString()!;
            await AddUserAsync(factory, "boss@admins.test", "default", ApplianceRoles.TenantAdmin);
            await AddUserAsync(factory, "deputy@admins.test", "default", ApplianceRoles.TenantAdmin);
            await AddUserAsync(factory, "reader@admins.test", "default", ApplianceRoles.TenantViewer);
            await AddUserAsync(factory, "stranger@admins.test", other, ApplianceRoles.TenantAdmin);
            Assert.Equal(HttpStatusCode.OK, (await admin.PutAsJsonAsync("/api/v1/tenants/default/quotas", new { hourlyMessageLimit = 5 })).StatusCode);
            var relay = factory.Services.GetRequiredService<IMtaStatus>().Listeners["relay"].Port;

            for (var i = 1; i <= 3; i++) Assert.StartsWith("DATA 250", (await PythonSmtpClient.SendAsync(relay, "app@shop.example", [$"user{i}@example.net"]))[^1], StringComparison.Ordinal);
            Assert.StartsWith("DATA 250", (await PythonSmtpClient.SendAsync(relay, "app@shop.example", ["user4@example.net"]))[^1], StringComparison.Ordinal); // 4 of 5: 80 %
            await WebhookTestHost.WaitUntilAsync(() => Warnings(maildir).Count(m => m.Contains("80 % of the hourly quota", StringComparison.Ordinal)) == 2, "the 80 % warning reaches both admins");
            Assert.StartsWith("DATA 250", (await PythonSmtpClient.SendAsync(relay, "app@shop.example", ["user5@example.net"]))[^1], StringComparison.Ordinal); // 5 of 5: 100 %
            await WebhookTestHost.WaitUntilAsync(() => Warnings(maildir).Count(m => m.Contains("100 % of the hourly quota", StringComparison.Ordinal)) == 2, "the 100 % warning reaches both admins although the tenant is full");
            Assert.StartsWith("RCPT 452 4.7.0", (await PythonSmtpClient.SendAsync(relay, "app@shop.example", ["user6@example.net"]))[^1], StringComparison.Ordinal);
            // The refused 6th and later messages cross no threshold again: still one mail per admin and threshold.
            Assert.StartsWith("RCPT 452 4.7.0", (await PythonSmtpClient.SendAsync(relay, "app@shop.example", ["user7@example.net"]))[^1], StringComparison.Ordinal);
            await Task.Delay(1000);

            var mails = Warnings(maildir);
            Assert.Equal(4, mails.Count);
            foreach (var to in new[] { "boss@admins.test", "deputy@admins.test" })
            {
                var theirs = mails.Where(m => m.Contains("To: " + to, StringComparison.Ordinal)).ToList();
                Assert.Equal(2, theirs.Count);
                Assert.Single(theirs, m => m.Contains("80 % of the hourly quota", StringComparison.Ordinal));
                Assert.Single(theirs, m => m.Contains("100 % of the hourly quota", StringComparison.Ordinal));
            }
            Assert.All(mails, m =>
            {
                Assert.Contains("From: quota@appliance.test", m, StringComparison.Ordinal);
                Assert.Contains("Auto-Submitted: auto-generated", m, StringComparison.Ordinal);
                Assert.Contains("Tenant quota ", m, StringComparison.Ordinal);
            });
            Assert.DoesNotContain(mails, m => m.Contains("reader@admins.test", StringComparison.Ordinal) || m.Contains("stranger@admins.test", StringComparison.Ordinal));
            var eighty = Assert.Single(mails, m => m.Contains("To: boss@admins.test", StringComparison.Ordinal) && m.Contains("80 %", StringComparison.Ordinal));
            Assert.Contains("has used 4 of its hourly quota", eighty.ReplaceLineEndings(" "), StringComparison.Ordinal);

            // The four warning mails went through the default tenant's queue without being counted.
            var quotas = await (await admin.GetAsync("/api/v1/tenants/default/quotas")).ReadJsonAsync();
            Assert.Equal(5, quotas.GetProperty("usedLastHour").GetInt32());
        }
        finally
        {
            try { smtpd.Kill(); } catch (InvalidOperationException) { }
            try { Directory.Delete(root, recursive: true); } catch (IOException) { }
        }
    }

    private static async Task AddUserAsync(ApplianceFactory factory, string email, string tenant, string role)
    {
        using var scope = factory.Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplianceUser>>();
        var user = new ApplianceUser { UserName = email, Email = email, EmailConfirmed = true, TenantId = tenant, CreatedAt = DateTimeOffset.UtcNow };
        Assert.True((await users.CreateAsync(user, "Str0ng!Passw0rd")).Succeeded);
        Assert.True((await users.AddToRoleAsync(user, role)).Succeeded);
    }

    /// <summary>The quota warning mails aiosmtpd received so far.</summary>
    private static List<string> Warnings(string maildir)
    {
        var dir = Path.Combine(maildir, "new");
        if (!Directory.Exists(dir)) return [];
        return Directory.EnumerateFiles(dir).Select(File.ReadAllText)
            .Where(m => m.Contains("X-MailFrom: quota@appliance.test", StringComparison.Ordinal) || m.Contains("From: quota@appliance.test", StringComparison.Ordinal))
            .ToList();
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
