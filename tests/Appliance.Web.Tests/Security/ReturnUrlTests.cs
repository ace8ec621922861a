using System.Net;
using Appliance.Web.Security;
using Appliance.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Appliance.Web.Tests.Security;

/// <summary>Every returnUrl the host takes: local paths are followed, anything else goes to "/", never a 500.</summary>
public sealed class ReturnUrlTests
{
    public static TheoryData<string> Hostile => new()
    {
        "/\t/evil.example", "//evil.example", "/\\evil.example", "\\\\evil.example", "http://x", "https://evil.example/",
        "javascript:alert(1)", "/\r\n/evil.example", "/x\u0000y", "/x\u007fy", "~/x", "", "evil.example", "/" + new string('a', 5000),
    };

    [Theory]
    [MemberData(nameof(Hostile))]
    public void Hostile_return_urls_are_not_local(string url) => Assert.Equal("/", LocalUrl.OrRoot(url));

    [Theory]
    [InlineData("/")]
    [InlineData("/tenants")]
    [InlineData("/queue?domain=example.com&page=2")]
    public void Local_paths_are_kept(string url) => Assert.Equal(url, LocalUrl.OrRoot(url));

    [Theory]
    [InlineData("/%09/x", "/")]
    [InlineData("//evil.example", "/")]
    [InlineData("/%5Cevil.example", "/")]
    [InlineData("%5C%5Cevil.example", "/")]
    [InlineData("http://x", "/")]
    [InlineData("/%0D%0Aevil", "/")]
    [InlineData("/tenants", "/tenants")]
    public async Task Login_redirects_to_root_and_refresh_signin_answers_400_for_foreign_return_urls(string encoded, string expected)
    {
        using var app = LoginHost.Create(new() { ["Appliance:Login:PostsPerMinute"] = "0" });
        var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var token = await LoginForm.TokenAsync(client);

        var login = await client.SendAsync(LoginForm.Post(token, LoginHost.AdminEmail, LoginHost.Password, path: "/account/login?ReturnUrl=" + encoded));
        var refresh = await client.GetAsync("/account/refresh-signin?returnUrl=" + encoded);
        var longUrl = await client.GetAsync("/account/refresh-signin?returnUrl=/" + new string('a', 4000));

        Assert.Equal(HttpStatusCode.Redirect, login.StatusCode);
        Assert.Equal(expected, login.Headers.Location!.IsAbsoluteUri ? login.Headers.Location.PathAndQuery : login.Headers.Location.OriginalString);
        if (expected == "/")
        {
            Assert.Equal(HttpStatusCode.BadRequest, refresh.StatusCode);
            Assert.Equal("application/problem+json", refresh.Content.Headers.ContentType?.MediaType);
        }
        else
        {
            Assert.Equal(HttpStatusCode.Redirect, refresh.StatusCode);
            Assert.Equal(expected, refresh.Headers.Location!.OriginalString);
        }
        Assert.Equal(HttpStatusCode.BadRequest, longUrl.StatusCode);
    }
}
