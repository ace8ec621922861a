using System.Net.Http.Json;
using Appliance.Web.Data;
using Appliance.Web.Security;
using Appliance.Web.Tests.Infrastructure;
using Appliance.Web.Tests.Security;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Appliance.Web.Tests.Inspection;

/// <summary>
/// One real host for the inspection tests: tenant A with retention on and an HTML message with an attachment, tenant B
/// with retention off and a message, and signed-in users of every role that matters (global Admin/Operator/Viewer,
/// A's TenantAdmin and TenantViewer, B's TenantAdmin).
/// </summary>
public sealed class InspectionWorld : IAsyncLifetime
{
    public const string AdminEmail = "inspection-admin@example.com";
    public const string Secret = "The launch code is 0x5EC2E7";

    public ApplianceFactory Factory { get; } = ApplianceFactory.WithSettings(new()
    {
        ["Appliance:Bootstrap:AdminEmail"] = AdminEmail,
        ["Appliance:Bootstrap:AdminPassword"] = AuthorizationWorld.Password,
    });

    public HttpClient Api { get; private set; } = default!;

    public string A { get; private set; } = "";

    public string B { get; private set; } = "";

    /// <summary>Tenant A's message (retained) and tenant B's (retention off).</summary>
    public string MessageA { get; private set; } = "";

    public string MessageB { get; private set; } = "";

    /// <summary>Signed-in cookie clients by role key ("admin", "operator", "viewer", "tenant-admin-a", "tenant-viewer-a", "tenant-admin-b").</summary>
    public Dictionary<string, HttpClient> Users { get; } = new(StringComparer.Ordinal);

    /// <summary>Their e-mail addresses (the audit actor is "user:" and the address).</summary>
    public Dictionary<string, string> Emails { get; } = new(StringComparer.Ordinal);

    public async Task InitializeAsync()
    {
        Api = Factory.CreateAdminClient();
        var suffix = Guid.NewGuid().ToString("N")[..6];
        A = await TenantAsync("insp-a" + suffix);
        B = await TenantAsync("insp-b" + suffix);
        var on = await Api.PutAsJsonAsync($"/api/v1/tenants/{A}/retention", new { enabled = true, days = 7, budgetMegabytes = 10 });
        Assert.True(on.IsSuccessStatusCode, await on.Content.ReadAsStringAsync());
        MessageA = await SendAsync(A);
        MessageB = await SendAsync(B);
        await WaitForFileAsync(A, MessageA);

        await SignInAsync("admin", AdminEmail, null, null);
        await SignInAsync("operator", $"op-{suffix}@example.com", ApplianceRoles.Operator, null);
        await SignInAsync("viewer", $"viewer-{suffix}@example.com", ApplianceRoles.Viewer, null);
        await SignInAsync("tenant-admin-a", $"ta-a-{suffix}@example.com", ApplianceRoles.TenantAdmin, A);
        await SignInAsync("tenant-viewer-a", $"tv-a-{suffix}@example.com", ApplianceRoles.TenantViewer, A);
        await SignInAsync("tenant-admin-b", $"ta-b-{suffix}@example.com", ApplianceRoles.TenantAdmin, B);
    }

    public Task DisposeAsync()
    {
        Factory.Dispose();
        return Task.CompletedTask;
    }

    /// <summary>The file holding a retained message, or null.</summary>
    public string? FileOf(string tenant, string messageId) =>
        Directory.Exists(Path.Combine(Factory.DataDir, "inspection", tenant))
            ? Directory.EnumerateFiles(Path.Combine(Factory.DataDir, "inspection", tenant), messageId + ".msg", SearchOption.AllDirectories).FirstOrDefault()
            : null;

    private async Task WaitForFileAsync(string tenant, string messageId)
    {
        for (var i = 0; i < 200 && FileOf(tenant, messageId) is null; i++) await Task.Delay(50);
        Assert.NotNull(FileOf(tenant, messageId));
    }

    private async Task<string> TenantAsync(string name)
    {
        var response = await Api.PostAsJsonAsync("/api/v1/tenants", new { name });
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        return (await response.ReadJsonAsync()).GetProperty("id").GetString()!;
    }

    private async Task<string> SendAsync(string tenant)
    {
        var response = await Api.PostAsJsonAsync("/api/v1/messages", new
        {
            from = $"sender@{tenant}.example",
            to = new[] { "rcpt@inspection.test" },
            subject = "Inspection " + tenant,
            text = Secret + " (text part)",
            html = "<p>" + Secret + "</p><script>alert(1)</script><img src=\"http://127.0.0.1:9/pixel.png\" onerror=\"alert(2)\">",
            attachments = new[] { new { filename = "figures.csv", contentType = "text/csv", content = Convert.ToBase64String("a,b\n1,2\n"u8.ToArray()) } },
            tenantId = tenant,
        });
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        return (await response.ReadJsonAsync()).GetProperty("id").GetString()!;
    }

    private async Task SignInAsync(string key, string email, string? role, string? tenant)
    {
        if (role is not null)
        {
            using var scope = Factory.Services.CreateScope();
            var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplianceUser>>();
            var user = new ApplianceUser { UserName = email, Email = email, EmailConfirmed = true, TenantId = tenant };
            Assert.True((await users.CreateAsync(user, AuthorizationWorld.Password)).Succeeded);
            Assert.True((await users.AddToRoleAsync(user, role)).Succeeded);
        }
        var client = Factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        await CookieLogin.SignInAsync(client, email, AuthorizationWorld.Password);
        Users[key] = client;
        Emails[key] = email;
    }
}
