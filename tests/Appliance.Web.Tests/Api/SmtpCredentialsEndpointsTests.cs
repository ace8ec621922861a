using System.Net;
using System.Net.Http.Json;
using Appliance.Mta.Security;
using Appliance.Web.Engine;
using Appliance.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Appliance.Web.Tests.Api;

public sealed class SmtpCredentialsEndpointsTests(ApplianceFactory factory) : IClassFixture<ApplianceFactory>
{
    private const string Password = "correct horse battery";

    [Fact]
    public async Task Credential_is_stored_as_scram_secret_only()
    {
        var response = await factory.CreateAdminClient().PostAsJsonAsync("/api/v1/tenants/default/smtp-credentials",
            new { username = "mailer1", password = Password, stream = "transactional" });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var body = await response.ReadJsonAsync();
        Assert.Equal("mailer1", body.GetProperty("username").GetString());
        Assert.Equal("default", body.GetProperty("tenantId").GetString());
        Assert.DoesNotContain(Password, await response.Content.ReadAsStringAsync());

        await using var db = factory.CreateDbContext();
        var row = await db.SmtpCredentials.SingleAsync(c => c.Username == "mailer1");
        Assert.DoesNotContain(Password, row.Secret);
        Assert.StartsWith("scram-sha-256$", row.Secret);
        Assert.True(ScramSecret.Parse(row.Secret).Verify(Password));
        Assert.False(ScramSecret.Parse(row.Secret).Verify(Password + "!"));
    }

    [Fact]
    public async Task Credential_store_finds_the_new_user_even_after_a_cached_miss()
    {
        var store = factory.Services.GetRequiredService<EfSmtpCredentialStore>();
        Assert.Null(await store.FindAsync("mailer2", CancellationToken.None)); // caches the miss

        var response = await factory.CreateAdminClient().PostAsJsonAsync("/api/v1/tenants/default/smtp-credentials",
            new { username = "mailer2", password = Password });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);

        var found = await store.FindAsync("MAILER2", CancellationToken.None);
        Assert.NotNull(found);
        Assert.Equal("default", found.TenantId);
        Assert.Null(found.Stream);
        Assert.True(found.Secret.Verify(Password));
        // The store the SMTP listeners use (the EF store behind the cluster hand-over wrapper) finds it too.
        var used = await factory.Services.GetRequiredService<ISmtpCredentialStore>().FindAsync("MAILER2", CancellationToken.None);
        Assert.NotNull(used);
        Assert.Equal("default", used.TenantId);
    }

    [Fact]
    public async Task Unknown_tenant_returns_404()
    {
        var response = await factory.CreateAdminClient().PostAsJsonAsync("/api/v1/tenants/no-such-tenant/smtp-credentials",
            new { username = "ghost", password = Password });

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task Duplicate_username_returns_409()
    {
        var client = factory.CreateAdminClient();
        Assert.Equal(HttpStatusCode.Created, (await client.PostAsJsonAsync("/api/v1/tenants/default/smtp-credentials", new { username = "dup", password = Password })).StatusCode);

        var response = await client.PostAsJsonAsync("/api/v1/tenants/default/smtp-credentials", new { username = "Dup", password = Password });

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
    }

    [Theory]
    [InlineData("shorty", "short", "password")]
    [InlineData("", "long enough pw", "username")]
    [InlineData("has space", "long enough pw", "username")]
    public async Task Invalid_input_returns_400_with_field_error(string username, string password, string field)
    {
        var response = await factory.CreateAdminClient().PostAsJsonAsync("/api/v1/tenants/default/smtp-credentials", new { username, password });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await response.ReadJsonAsync()).GetProperty("errors").TryGetProperty(field, out _));
    }

    [Fact]
    public async Task Unknown_stream_returns_400()
    {
        var response = await factory.CreateAdminClient().PostAsJsonAsync("/api/v1/tenants/default/smtp-credentials",
            new { username = "streamer", password = Password, stream = "bulk" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }
}
