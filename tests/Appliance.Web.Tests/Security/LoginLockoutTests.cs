using System.Net;
using Appliance.Web.Security;
using Appliance.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Appliance.Web.Tests.Security;

/// <summary>
/// The UI login under parallel guessing and from strangers: the real static-SSR form (antiforgery token fetched),
/// failures counted per (account, address) and per address with places reserved before the password check.
/// </summary>
public sealed class LoginLockoutTests
{
    private const int Parallel = 150;
    private static readonly WebApplicationFactoryClientOptions NoRedirects = new() { AllowAutoRedirect = false };
    private static readonly string Locked = LoginMessages.Throttled(TimeSpan.FromMinutes(15));

    [Fact]
    public async Task Parallel_wrong_passwords_for_one_account_check_at_most_the_limit_and_then_refuse_the_right_one()
    {
        using var app = LoginHost.Create(new() { ["Appliance:Login:PostsPerMinute"] = "0" });
        var client = app.CreateClient(NoRedirects);
        var token = await LoginForm.TokenAsync(client);

        var responses = await Task.WhenAll(Enumerable.Range(0, Parallel)
            .Select(i => client.SendAsync(LoginForm.Post(token, LoginHost.AdminEmail, $"wrong-{i}"))));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        Assert.Equal(5, app.Hasher.Verifications); // Appliance:Login:FailureLimit
        var errors = await Task.WhenAll(responses.Select(LoginForm.ErrorAsync));
        // The evaluated five answer "invalid" or, once the fifth failure is in, "locked"; the rest "locked" unchecked.
        var invalid = errors.Count(e => e == LoginMessages.Invalid);
        Assert.InRange(invalid, 0, 4);
        Assert.Equal(Parallel - invalid, errors.Count(e => e == Locked));

        var right = await client.SendAsync(LoginForm.Post(token, LoginHost.AdminEmail, LoginHost.Password));
        Assert.Equal(HttpStatusCode.OK, right.StatusCode); // no redirect, no cookie
        Assert.Equal(Locked, await LoginForm.ErrorAsync(right));
        Assert.DoesNotContain(right.Headers.TryGetValues("Set-Cookie", out var c) ? c : [], v => v.StartsWith("appliance.auth=", StringComparison.Ordinal));
        Assert.Equal(5, app.Hasher.Verifications);
    }

    [Fact]
    public async Task Parallel_wrong_guesses_over_many_accounts_from_one_address_check_at_most_the_address_limit()
    {
        using var app = LoginHost.Create(new() { ["Appliance:Login:PostsPerMinute"] = "0", ["Appliance:Login:AddressFailureLimit"] = "12" });
        var client = app.CreateClient(NoRedirects);
        var token = await LoginForm.TokenAsync(client);

        var responses = await Task.WhenAll(Enumerable.Range(0, Parallel)
            .Select(i => client.SendAsync(LoginForm.Post(token, $"user{i}@example.com", "guess", "198.51.100.7"))));

        // Unknown accounts cost a (dummy) hash too, so they are counted as evaluated guesses.
        Assert.Equal(12, app.Hasher.Verifications);
        var right = await client.SendAsync(LoginForm.Post(token, LoginHost.AdminEmail, LoginHost.Password, "198.51.100.7"));
        Assert.Equal(Locked, await LoginForm.ErrorAsync(right));
        Assert.Equal(12, app.Hasher.Verifications);
        Assert.Equal(Parallel, responses.Length);
    }

    [Fact]
    public async Task A_stranger_locks_only_their_own_address_out_of_the_admin_account()
    {
        using var app = LoginHost.Create();
        var client = app.CreateClient(NoRedirects);
        var token = await LoginForm.TokenAsync(client);
        for (var i = 0; i < 6; i++) await client.SendAsync(LoginForm.Post(token, LoginHost.AdminEmail, "guess", "203.0.113.9"));
        Assert.Equal(Locked, await LoginForm.ErrorAsync(await client.SendAsync(LoginForm.Post(token, LoginHost.AdminEmail, LoginHost.Password, "203.0.113.9"))));

        var admin = await client.SendAsync(LoginForm.Post(token, LoginHost.AdminEmail, LoginHost.Password, "192.0.2.50"));

        Assert.Equal(HttpStatusCode.Redirect, admin.StatusCode);
        Assert.Equal("/", admin.Headers.Location!.AbsolutePath);
        Assert.Contains(admin.Headers.GetValues("Set-Cookie"), v => v.StartsWith("appliance.auth=", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Unknown_and_existing_accounts_get_the_same_messages_and_the_same_work()
    {
        using var app = LoginHost.Create();
        var client = app.CreateClient(NoRedirects);
        var token = await LoginForm.TokenAsync(client);

        async Task<string?[]> FiveFailuresAsync(string email, string address)
        {
            var messages = new List<string?>();
            for (var i = 0; i < 6; i++) messages.Add(await LoginForm.ErrorAsync(await client.SendAsync(LoginForm.Post(token, email, "guess", address))));
            return [.. messages];
        }

        var existing = await FiveFailuresAsync(LoginHost.AdminEmail, "192.0.2.1");
        var existingChecks = app.Hasher.Verifications;
        var unknown = await FiveFailuresAsync("nobody@example.com", "192.0.2.2");

        string[] expected = [LoginMessages.Invalid, LoginMessages.Invalid, LoginMessages.Invalid, LoginMessages.Invalid, Locked, Locked];
        Assert.Equal(string.Join("|", expected), string.Join("|", existing));
        Assert.Equal(string.Join("|", existing), string.Join("|", unknown));
        Assert.Equal(5, existingChecks);
        Assert.Equal(10, app.Hasher.Verifications); // the unknown account cost a hash per evaluated guess too
    }

    [Fact]
    public async Task Login_posts_over_the_per_address_rate_get_429_with_retry_after_and_a_problem()
    {
        using var app = LoginHost.Create(new() { ["Appliance:Login:PostsPerMinute"] = "3" });
        var client = app.CreateClient(NoRedirects);
        var token = await LoginForm.TokenAsync(client);
        for (var i = 0; i < 3; i++)
            Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(LoginForm.Post(token, "x@example.com", "guess", "198.51.100.1"))).StatusCode);

        var limited = await client.SendAsync(LoginForm.Post(token, "x@example.com", "guess", "198.51.100.1"));
        var twoFactor = await client.SendAsync(LoginForm.Post(token, "x@example.com", "guess", "198.51.100.1", "/account/login-2fa"));
        var otherAddress = await client.SendAsync(LoginForm.Post(token, LoginHost.AdminEmail, LoginHost.Password, "198.51.100.2"));
        var page = await client.GetAsync("/account/login");

        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.InRange(int.Parse(limited.Headers.GetValues("Retry-After").Single(), System.Globalization.CultureInfo.InvariantCulture), 1, 60);
        Assert.Equal("application/problem+json", limited.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.TooManyRequests, twoFactor.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, otherAddress.StatusCode);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode); // the GET is not limited
        // Three wrong guesses, then the right password from the other address (checked, then signed in: two hashes);
        // the 4th post and the 2FA post checked nothing.
        Assert.Equal(3 + 2, app.Hasher.Verifications);
    }
}
