using System.Net;
using System.Text.RegularExpressions;

namespace Appliance.Web.Tests.Infrastructure;

/// <summary>
/// Posts the real static-SSR login forms: fetches the page for its antiforgery token (the client keeps the cookie), then
/// posts the fields the EditForm renders. <see cref="AddressHeader"/> picks the client address the host sees.
/// </summary>
public static partial class LoginForm
{
    public const string AddressHeader = ClientAddressStartupFilter.Header;

    public static async Task<string> TokenAsync(HttpClient client, string path = "/account/login")
    {
        var html = await client.GetStringAsync(path);
        return TokenRegex().Match(html) is { Success: true } m ? WebUtility.HtmlDecode(m.Groups[1].Value)
            : throw new InvalidOperationException("no antiforgery token on " + path);
    }

    public static HttpRequestMessage Post(string token, string email, string password, string? address = null, string path = "/account/login")
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path)
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["_handler"] = "login",
                ["__RequestVerificationToken"] = token,
                ["Input.Email"] = email,
                ["Input.Password"] = password,
            }),
        };
        if (address is not null) request.Headers.Add(AddressHeader, address);
        return request;
    }

    /// <summary>The text of #login-error, or null when the page shows none.</summary>
    public static async Task<string?> ErrorAsync(HttpResponseMessage response)
    {
        var html = await response.Content.ReadAsStringAsync();
        return ErrorRegex().Match(html) is { Success: true } m ? WebUtility.HtmlDecode(m.Groups[1].Value) : null;
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex TokenRegex();

    [GeneratedRegex("id=\"login-error\">([^<]*)<")]
    private static partial Regex ErrorRegex();
}
