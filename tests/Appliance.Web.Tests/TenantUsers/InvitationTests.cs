using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Appliance.Mta.Smtp;
using Appliance.Web.Data;
using Appliance.Web.Modules.TenantUsers;
using Appliance.Web.Security;
using Appliance.Web.Security.Scope;
using Appliance.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Appliance.Web.Tests.TenantUsers;

/// <summary>
/// Invitations end to end in the host: the link is mailed through the queue (the sink), stored only as a hash, works
/// once and not after expiry; accepting creates a tenant user who is signed in; every step is audited; the caller's
/// scope keeps a TenantAdmin to its own tenant.
/// </summary>
public sealed partial class InvitationTests(InvitationFactory factory) : IClassFixture<InvitationFactory>
{
    private const string Password = "Str0ng!Passw0rd";

    [Fact]
    public async Task An_invitation_is_mailed_through_the_queue_with_a_one_time_link_stored_only_as_a_hash()
    {
        var tenant = await TenantAsync();
        var email = $"new-{Guid.NewGuid():N}@customer.test";

        var response = await factory.CreateAdminClient().PostAsJsonAsync($"/api/v1/tenants/{tenant}/invitations", new { email, role = "TenantViewer" });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var (envelope, content) = Assert.Single(factory.Sink.Accepted, m => m.Envelope.Recipients.Any(r => r.Address == email));
        Assert.Equal("system:invitation", envelope.AuthUser);
        var token = TokenOf(content);
        await using var db = factory.CreateDbContext();
        var stored = await db.Set<TenantInvitation>().SingleAsync(i => i.Email == email);
        Assert.Equal(InvitationLinks.Hash(token), stored.TokenHash);
        Assert.NotEqual(token, stored.TokenHash);
        Assert.Equal(tenant, stored.TenantId);
        Assert.Equal(TimeSpan.FromHours(72), stored.ExpiresAt - stored.CreatedAt);
        Assert.True(await db.AuditLog.AnyAsync(a => a.Action == "tenant.user.invite" && a.Target == tenant + "/" + email && a.Actor == "api:bootstrap"));
    }

    [Fact]
    public async Task Accepting_sets_the_password_signs_the_tenant_user_in_and_the_link_works_only_once()
    {
        var tenant = await TenantAsync();
        var email = $"accept-{Guid.NewGuid():N}@customer.test";
        var token = await InviteAsync(tenant, email, ApplianceRoles.TenantAdmin);
        var browser = Browser();

        var page = await browser.GetStringAsync(InvitationLinks.PathPrefix + token);
        Assert.Contains(email, page);
        var accepted = await PostAcceptAsync(browser, token, Password);

        Assert.Equal(HttpStatusCode.Redirect, accepted.StatusCode);
        using (var scope = factory.Services.CreateScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplianceUser>>();
            var user = await users.FindByEmailAsync(email);
            Assert.NotNull(user);
            Assert.Equal(tenant, user.TenantId);
            Assert.Equal([ApplianceRoles.TenantAdmin], await users.GetRolesAsync(user));
            Assert.True(await users.CheckPasswordAsync(user, Password));
        }
        // Signed in: the dashboard (a page of the tenant view) opens; a global page is refused.
        var dashboard = await browser.GetAsync("/");
        Assert.Equal(HttpStatusCode.OK, dashboard.StatusCode);
        Assert.Contains("tenant-dashboard", await dashboard.Content.ReadAsStringAsync());
        var settings = await browser.GetAsync("/settings");
        Assert.Contains("/account/access-denied", settings.Headers.Location?.OriginalString ?? "");

        // The same link again, from another browser: unknown, used or expired.
        var second = Browser();
        Assert.Contains("invitation-invalid", await second.GetStringAsync(InvitationLinks.PathPrefix + token));
        await using var db = factory.CreateDbContext();
        Assert.True(await db.AuditLog.AnyAsync(a => a.Action == "tenant.user.accept" && a.Target == tenant + "/" + email));
    }

    [Fact]
    public async Task An_expired_link_creates_no_user()
    {
        var tenant = await TenantAsync();
        var email = $"late-{Guid.NewGuid():N}@customer.test";
        var token = await InviteAsync(tenant, email, ApplianceRoles.TenantViewer);
        await using (var db = factory.CreateDbContext())
        {
            var invitation = await db.Set<TenantInvitation>().SingleAsync(i => i.Email == email);
            invitation.ExpiresAt = DateTimeOffset.UtcNow.AddMinutes(-1);
            await db.SaveChangesAsync();
        }

        using var scope = factory.Services.CreateScope();
        var result = await scope.ServiceProvider.GetRequiredService<TenantUserService>().AcceptAsync(token, Password);

        Assert.Equal(Services.ServiceOutcome.NotFound, result.Outcome);
        Assert.Null(await scope.ServiceProvider.GetRequiredService<UserManager<ApplianceUser>>().FindByEmailAsync(email));
        Assert.Contains("invitation-invalid", await Browser().GetStringAsync(InvitationLinks.PathPrefix + token));
    }

    [Fact]
    public async Task A_weak_password_is_refused_and_the_link_stays_usable()
    {
        var tenant = await TenantAsync();
        var email = $"weak-{Guid.NewGuid():N}@customer.test";
        var token = await InviteAsync(tenant, email, ApplianceRoles.TenantViewer);
        using var scope = factory.Services.CreateScope();
        var service = scope.ServiceProvider.GetRequiredService<TenantUserService>();

        var weak = await service.AcceptAsync(token, "short");

        Assert.Equal(Services.ServiceOutcome.Invalid, weak.Outcome);
        Assert.Contains("password", weak.Errors.Keys);
        Assert.NotNull(await service.FindOpenAsync(token));
        Assert.True((await service.AcceptAsync(token, Password)).Succeeded);
    }

    [Fact]
    public async Task A_tenant_admin_invites_into_its_own_tenant_only_and_another_tenant_is_not_found()
    {
        var own = await TenantAsync();
        var other = await TenantAsync();
        using var scope = factory.Services.CreateScope();
        var service = ActivatorUtilities.CreateInstance<TenantUserService>(scope.ServiceProvider, (ICallerScope)new Infrastructure.FixedCallerScope(new CallerScope(own)));

        var foreign = await service.InviteAsync(other, $"x-{Guid.NewGuid():N}@customer.test", ApplianceRoles.TenantViewer, "user:ta@customer.test");
        var foreignList = await service.ListAsync(other);
        var mine = await service.InviteAsync(own, $"y-{Guid.NewGuid():N}@customer.test", ApplianceRoles.TenantViewer, "user:ta@customer.test");
        var global = await service.InviteAsync(own, $"z-{Guid.NewGuid():N}@customer.test", ApplianceRoles.Admin, "user:ta@customer.test");

        Assert.Equal(Services.ServiceOutcome.NotFound, foreign.Outcome);
        Assert.Equal(Services.ServiceOutcome.NotFound, foreignList.Outcome);
        Assert.True(mine.Succeeded);
        Assert.Equal(Services.ServiceOutcome.Invalid, global.Outcome); // tenant roles only: no way to a global role
        Assert.Contains("role", global.Errors.Keys);
    }

    [Fact]
    public async Task A_refused_mail_withdraws_the_invitation()
    {
        var tenant = await TenantAsync();
        var email = $"refused-{Guid.NewGuid():N}@customer.test";
        factory.Sink.Reply = new SmtpReply(452, "4.3.1", "Insufficient system storage");
        try
        {
            var response = await factory.CreateAdminClient().PostAsJsonAsync($"/api/v1/tenants/{tenant}/invitations", new { email, role = "TenantViewer" });

            Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        }
        finally
        {
            factory.Sink.Reply = FakeMessageSink.Accepted250;
        }
        await using var db = factory.CreateDbContext();
        Assert.False(await db.Set<TenantInvitation>().AnyAsync(i => i.Email == email));
    }

    [Fact]
    public async Task Invalid_addresses_and_roles_answer_a_validation_problem()
    {
        var tenant = await TenantAsync();

        var response = await factory.CreateAdminClient().PostAsJsonAsync($"/api/v1/tenants/{tenant}/invitations", new { email = "not an address", role = "Owner" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.ReadJsonAsync()).GetProperty("errors");
        Assert.True(errors.TryGetProperty("email", out _));
        Assert.True(errors.TryGetProperty("role", out _));
    }

    private async Task<string> TenantAsync()
    {
        var response = await factory.CreateAdminClient().PostAsJsonAsync("/api/v1/tenants", new { name = "inv-" + Guid.NewGuid().ToString("N")[..8] });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.ReadJsonAsync()).GetProperty("id").GetString()!;
    }

    private async Task<string> InviteAsync(string tenant, string email, string role)
    {
        var response = await factory.CreateAdminClient().PostAsJsonAsync($"/api/v1/tenants/{tenant}/invitations", new { email, role });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return TokenOf(factory.Sink.Accepted.Last(m => m.Envelope.Recipients.Any(r => r.Address == email)).Content);
    }

    private HttpClient Browser() => factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });

    private static async Task<HttpResponseMessage> PostAcceptAsync(HttpClient browser, string token, string password)
    {
        var path = InvitationLinks.PathPrefix + token;
        var form = await LoginForm.TokenAsync(browser, path);
        using var body = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "accept-invitation",
            ["__RequestVerificationToken"] = form,
            ["Input.Password"] = password,
            ["Input.Confirm"] = password,
        });
        return await browser.PostAsync(path, body);
    }

    private static string TokenOf(string mail)
    {
        var match = Link().Match(mail);
        Assert.True(match.Success, "No invitation link in the mail:\n" + mail);
        return match.Groups[1].Value;
    }

    [GeneratedRegex(@"https://panel\.example\.test/account/invitation/([A-Za-z0-9_-]+)")]
    private static partial Regex Link();
}
