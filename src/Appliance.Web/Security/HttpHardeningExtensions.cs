using System.Net;
using Appliance.Web.Configuration;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.HttpOverrides;

namespace Appliance.Web.Security;

/// <summary>
/// HTTP hardening of the host (docs/security.md): login lockouts and rate limit, security headers, Secure cookies,
/// trusted reverse proxies, and 413/400 instead of 500 for request bodies over a limit.
/// </summary>
public static class HttpHardeningExtensions
{
    public static IServiceCollection AddApplianceHttpHardening(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<LoginOptions>(configuration.GetSection(LoginOptions.Section));
        services.AddSingleton<LoginAttemptGate>();
        services.AddScoped<LoginService>();
        services.AddLoginRateLimiting();

        var security = ReadSecurityOptions(configuration);
        services.Configure<HttpSecurityOptions>(o =>
        {
            o.TrustedProxies = security.TrustedProxies;
            o.SecureCookies = security.SecureCookies;
            o.HstsMaxAge = security.HstsMaxAge;
        });

        // Identity's cookies (application, two-factor, external) are Secure on HTTPS requests, or always with
        // SecureCookies. The antiforgery cookie is Secure on HTTPS requests (its default never sets it); not "always",
        // because antiforgery then refuses every plain-HTTP request and the login form itself would fail.
        var cookiePolicy = security.SecureCookies ? CookieSecurePolicy.Always : CookieSecurePolicy.SameAsRequest;
        services.PostConfigureAll<CookieAuthenticationOptions>(o => o.Cookie.SecurePolicy = cookiePolicy);
        services.PostConfigure<AntiforgeryOptions>(o =>
        {
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            o.SuppressXFrameOptionsHeader = true; // SecurityHeaders sends DENY (antiforgery would send SAMEORIGIN)
        });

        // A body over Kestrel's MaxRequestBodySize or a form over FormOptions' limits is the client's error, not ours.
        services.Configure<ExceptionHandlerOptions>(o => o.StatusCodeSelector = StatusFor);

        services.Configure<ForwardedHeadersOptions>(o =>
        {
            o.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            o.KnownProxies.Clear();
            o.KnownIPNetworks.Clear();
            foreach (var cidr in security.TrustedProxies) o.KnownIPNetworks.Add(ParseNetwork(cidr));
        });
        return services;
    }

    /// <summary>First in the pipeline: forwarded headers (only from trusted proxies), security headers, login rate limit.</summary>
    public static WebApplication UseApplianceHttpHardening(this WebApplication app)
    {
        var security = app.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<HttpSecurityOptions>>().Value;
        if (security.TrustedProxies.Count > 0) app.UseForwardedHeaders();
        app.UseMiddleware<SecurityHeaders>();
        app.UseRateLimiter();
        return app;
    }

    /// <summary>The status an unhandled exception answers with: the request's own fault where it is one.</summary>
    public static int StatusFor(Exception exception) => exception switch
    {
        // Kestrel: body over MaxRequestBodySize (413), malformed framing (400), and so on.
        BadHttpRequestException bad => bad.StatusCode,
        // FormReader / MultipartReader: "Multipart body length limit ... exceeded", "Form value count limit ...".
        InvalidDataException data when data.Message.Contains("limit", StringComparison.OrdinalIgnoreCase) => StatusCodes.Status413PayloadTooLarge,
        InvalidDataException => StatusCodes.Status400BadRequest,
        _ => StatusCodes.Status500InternalServerError,
    };

    private static HttpSecurityOptions ReadSecurityOptions(IConfiguration configuration)
    {
        var section = configuration.GetSection(HttpSecurityOptions.Section);
        var options = new HttpSecurityOptions();
        section.Bind(options, o => o.ErrorOnUnknownConfiguration = false);
        options.TrustedProxies = CommaSeparatedListPostConfigure.Read(section.GetSection(nameof(HttpSecurityOptions.TrustedProxies))) ?? [];
        foreach (var cidr in options.TrustedProxies) _ = ParseNetwork(cidr); // fail at start, not on the first request
        return options;
    }

    /// <summary>"10.0.0.0/8", or a single address ("10.0.0.5").</summary>
    private static System.Net.IPNetwork ParseNetwork(string cidr)
    {
        if (System.Net.IPNetwork.TryParse(cidr, out var network)) return network;
        if (IPAddress.TryParse(cidr, out var address))
            return new System.Net.IPNetwork(address, address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork ? 32 : 128);
        throw new InvalidOperationException($"{HttpSecurityOptions.Section}:TrustedProxies: '{cidr}' is not an address or CIDR (e.g. 10.0.0.0/8).");
    }
}
