namespace Appliance.Web.Security;

/// <summary>Return URLs are followed only when local ("/x", not "//evil" or "/\evil"), against open redirects.</summary>
public static class LocalUrl
{
    public static bool IsLocal(string? url) =>
        !string.IsNullOrEmpty(url) && url[0] == '/' && (url.Length == 1 || (url[1] != '/' && url[1] != '\\'));

    public static string OrRoot(string? url) => IsLocal(url) ? url! : "/";
}
