using System.Net;
using System.Net.Http.Json;
using Appliance.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Appliance.Web.Tests.Ui;

public sealed class UiAuthenticationTests
{
    private static readonly WebApplicationFactoryClientOptions NoRedirects = new() { AllowAutoRedirect = false };

    [Fact]
    public async Task Without_an_admin_pages_redirect_to_the_setup_wizard_and_the_token_file_is_private()
    {
        using var app = new ApplianceFactory();
        var client = app.CreateClient(NoRedirects);

        var response = await client.GetAsync("/tenants");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/setup", response.Headers.Location!.OriginalString);
        var tokenFile = Path.Combine(app.DataDir, "setup-token");
        Assert.True(File.Exists(tokenFile));
        if (!OperatingSystem.IsWindows()) Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(tokenFile));
        Assert.Matches("^[A-Za-z0-9_-]{43}$", (await File.ReadAllTextAsync(tokenFile)).Trim());
    }

    [Fact]
    public async Task With_a_bootstrap_admin_pages_redirect_to_login_and_setup_is_gone()
    {
        using var app = ApplianceFactory.WithSettings(new()
        {
            ["Appliance:Bootstrap:AdminEmail"] = "boot@example.com",
            ["Appliance:Bootstrap:AdminPassword"] = "Str0ng!Passw0rd",
        });
        var client = app.CreateClient(NoRedirects);

        var page = await client.GetAsync("/tenants");
        var setup = await client.GetAsync("/setup?token=anything");

        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
        Assert.StartsWith("http://localhost/account/login?ReturnUrl=%2Ftenants", page.Headers.Location!.ToString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, setup.StatusCode);
        Assert.EndsWith("/account/login", setup.Headers.Location!.ToString(), StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(app.DataDir, "setup-token")));
    }

    [Fact]
    public async Task Api_without_a_key_still_answers_401_problem_details_not_a_login_redirect()
    {
        using var app = new ApplianceFactory();
        var client = app.CreateClient(NoRedirects);

        var response = await client.PostAsJsonAsync("/api/v1/tenants", new { name = "x" });

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }
}
