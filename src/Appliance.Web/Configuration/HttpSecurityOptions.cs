namespace Appliance.Web.Configuration;

/// <summary>
/// HTTP hardening of the admin UI and API, bound from "Appliance:HttpSecurity" (docs/security.md, "HTTP headers").
/// </summary>
public sealed class HttpSecurityOptions
{
    public const string Section = "Appliance:HttpSecurity";

    /// <summary>
    /// CIDRs of reverse proxies whose X-Forwarded-For / X-Forwarded-Proto are believed. Empty (the default): the
    /// headers are ignored, and the client address is the TCP peer. Behind a proxy, list it here, or every client
    /// shares the proxy's address in the login limits and no request counts as HTTPS.
    /// </summary>
    public List<string> TrustedProxies { get; set; } = [];

    /// <summary>The login cookies are always marked Secure (set it when users reach the UI over HTTPS only; browsers
    /// drop Secure cookies set over plain HTTP, so login would fail there). Otherwise Secure follows the request: set on
    /// HTTPS requests, including those a trusted proxy forwarded as https. The antiforgery cookie always follows the
    /// request.</summary>
    public bool SecureCookies { get; set; }

    /// <summary>Strict-Transport-Security max-age sent on HTTPS responses; zero sends none. One year, as the HSTS
    /// preload list asks (RFC 6797 §6.1.1).</summary>
    public TimeSpan HstsMaxAge { get; set; } = TimeSpan.FromDays(365);
}
