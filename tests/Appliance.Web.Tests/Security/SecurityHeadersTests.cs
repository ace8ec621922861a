using System.Net;
using Appliance.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Appliance.Web.Tests.Security;

/// <summary>Security headers on every kind of response, HSTS only over HTTPS, and Secure cookies.</summary>
public sealed class SecurityHeadersTests
{
    private static readonly WebApplicationFactoryClientOptions NoRedirects = new() { AllowAutoRedirect = false };

    [Theory]
    [InlineData("/account/login", HttpStatusCode.OK)]             // static SSR page
    [InlineData("/tenants", HttpStatusCode.Redirect)]             // interactive page, to the login
    [InlineData("/api/v1/tenants", HttpStatusCode.Unauthorized)]  // API problem document
    [InlineData("/healthz", HttpStatusCode.OK)]
    [InlineData("/no/such/page", HttpStatusCode.NotFound)]
    public async Task Every_response_carries_the_csp_nosniff_referrer_policy_and_no_hsts_over_http(string path, HttpStatusCode status)
    {
        using var app = LoginHost.Create();
        var response = await app.CreateClient(NoRedirects).GetAsync(path);

        Assert.Equal(status, response.StatusCode);
        var csp = Assert.Single(response.Headers.GetValues("Content-Security-Policy"));
        foreach (var directive in new[] { "default-src 'self'", "style-src 'self' 'unsafe-inline'", "connect-src 'self' ws: wss:",
                     "frame-ancestors 'none'", "base-uri 'self'", "form-action 'self'", "object-src 'none'" })
            Assert.Contains(directive, csp, StringComparison.Ordinal);
        Assert.Matches("script-src 'self' 'nonce-[0-9A-F]{32}';", csp);
        Assert.DoesNotContain("unsafe-eval", csp, StringComparison.Ordinal);
        Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
        Assert.Equal("strict-origin-when-cross-origin", Assert.Single(response.Headers.GetValues("Referrer-Policy")));
        Assert.Equal("DENY", Assert.Single(response.Headers.GetValues("X-Frame-Options")));
        Assert.False(response.Headers.Contains("Strict-Transport-Security"));
    }

    [Fact]
    public async Task The_import_map_carries_the_nonce_of_its_response()
    {
        using var app = LoginHost.Create();
        var response = await app.CreateClient().GetAsync("/account/login");
        var csp = response.Headers.GetValues("Content-Security-Policy").Single();
        var nonce = System.Text.RegularExpressions.Regex.Match(csp, "'nonce-([^']+)'").Groups[1].Value;

        Assert.Contains($"<script type=\"importmap\" nonce=\"{nonce}\">", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var second = await app.CreateClient().GetAsync("/account/login");
        Assert.DoesNotContain(nonce, second.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Over_https_hsts_is_sent_and_the_antiforgery_and_auth_cookies_are_secure()
    {
        using var app = LoginHost.Create();
        var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, BaseAddress = new Uri("https://localhost") });

        var page = await client.GetAsync("/account/login");
        var token = await LoginForm.TokenAsync(client);
        var login = await client.SendAsync(LoginForm.Post(token, LoginHost.AdminEmail, LoginHost.Password));

        Assert.Equal("max-age=31536000", Assert.Single(page.Headers.GetValues("Strict-Transport-Security")));
        Assert.Contains(page.Headers.GetValues("Set-Cookie"), c => c.StartsWith(".AspNetCore.Antiforgery.", StringComparison.Ordinal) && IsSecure(c));
        Assert.Equal(HttpStatusCode.Redirect, login.StatusCode);
        Assert.Contains(login.Headers.GetValues("Set-Cookie"), c => c.StartsWith("appliance.auth=", StringComparison.Ordinal) && IsSecure(c));
    }

    [Fact]
    public async Task Over_http_cookies_are_not_secure_unless_secure_cookies_is_set_for_the_auth_cookie()
    {
        using var plain = LoginHost.Create();
        var client = plain.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var page = await client.GetAsync("/account/login");
        Assert.Contains(page.Headers.GetValues("Set-Cookie"), c => c.StartsWith(".AspNetCore.Antiforgery.", StringComparison.Ordinal) && !IsSecure(c));
        var login = await client.SendAsync(LoginForm.Post(await LoginForm.TokenAsync(client), LoginHost.AdminEmail, LoginHost.Password));
        Assert.Contains(login.Headers.GetValues("Set-Cookie"), c => c.StartsWith("appliance.auth=", StringComparison.Ordinal) && !IsSecure(c));

        // SecureCookies: the auth cookies are always Secure; antiforgery keeps following the request (it refuses
        // to work over plain HTTP with an always-Secure cookie, which would break the login form itself).
        using var always = LoginHost.Create(new() { ["Appliance:HttpSecurity:SecureCookies"] = "true" });
        client = always.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        login = await client.SendAsync(LoginForm.Post(await LoginForm.TokenAsync(client), LoginHost.AdminEmail, LoginHost.Password));
        Assert.Equal(HttpStatusCode.Redirect, login.StatusCode);
        Assert.Contains(login.Headers.GetValues("Set-Cookie"), c => c.StartsWith("appliance.auth=", StringComparison.Ordinal) && IsSecure(c));
    }

    [Fact]
    public async Task Forwarded_https_counts_only_from_a_trusted_proxy()
    {
        using var app = LoginHost.Create(new() { ["Appliance:HttpSecurity:TrustedProxies"] = "10.0.0.0/24, 192.0.2.1" });
        var client = app.CreateClient(NoRedirects);

        async Task<HttpResponseMessage> ViaAsync(string peer)
        {
            var request = new HttpRequestMessage(HttpMethod.Get, "/account/login");
            request.Headers.Add(LoginForm.AddressHeader, peer);
            request.Headers.Add("X-Forwarded-Proto", "https");
            request.Headers.Add("X-Forwarded-For", "203.0.113.20");
            return await client.SendAsync(request);
        }

        var trusted = await ViaAsync("10.0.0.7");
        var untrusted = await ViaAsync("10.0.1.7");

        Assert.True(trusted.Headers.Contains("Strict-Transport-Security"));
        Assert.Contains(trusted.Headers.GetValues("Set-Cookie"), IsSecure);
        Assert.False(untrusted.Headers.Contains("Strict-Transport-Security"));
        Assert.DoesNotContain(untrusted.Headers.GetValues("Set-Cookie"), IsSecure);
    }

    private static bool IsSecure(string setCookie) =>
        setCookie.Split(';', StringSplitOptions.TrimEntries).Contains("secure", StringComparer.OrdinalIgnoreCase);
}
