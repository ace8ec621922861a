namespace Appliance.Web.Security;

/// <summary>
/// Return URLs are followed only when local ("/x", not "//evil", "/\\evil" or "http://x"), against open redirects.
/// Control characters anywhere are refused too: browsers drop a tab or newline, so "/\t/evil" would be followed as
/// "//evil" (the same rule as ASP.NET Core's IsLocalUrl, whose LocalRedirect threw on them: HTTP 500).
/// </summary>
public static class LocalUrl
{
    /// <summary>Longer return URLs are not followed (no page of ours needs one).</summary>
    public const int MaxLength = 2048;

    public static bool IsLocal(string? url) =>
        !string.IsNullOrEmpty(url) && url.Length <= MaxLength && url[0] == '/'
        && (url.Length == 1 || (url[1] != '/' && url[1] != '\\'))
        && !url.Any(char.IsControl);

    public static string OrRoot(string? url) => IsLocal(url) ? url! : "/";
}
