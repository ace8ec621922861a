using System.Net;
using System.Text.RegularExpressions;

namespace Appliance.Web.Tests.Security;

/// <summary>
/// Signs a cookie-handling client in through the real login form (static SSR): reads the antiforgery token from the
/// form, posts e-mail and password as the browser does and expects the redirect that follows a successful login.
/// </summary>
public static partial class CookieLogin
{
    public static async Task SignInAsync(HttpClient client, string email, string password)
    {
        var form = await client.GetStringAsync("/account/login");
        var token = Token().Match(form);
        Assert.True(token.Success, "The login form has no antiforgery token.");
        using var body = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "login",
            ["__RequestVerificationToken"] = WebUtility.HtmlDecode(token.Groups[1].Value),
            ["Input.Email"] = email,
            ["Input.Password"] = password,
        });
        var response = await client.PostAsync("/account/login", body);
        Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"Login of {email} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex Token();
}
