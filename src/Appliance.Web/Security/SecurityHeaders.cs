using System.Globalization;
using System.Security.Cryptography;
using Appliance.Web.Configuration;
using Microsoft.Extensions.Options;

namespace Appliance.Web.Security;

/// <summary>
/// Adds the security headers to every response, including error pages and problem documents (they are added when the
/// response starts, after the exception handler has cleared its headers). A header an endpoint set itself is kept.
/// </summary>
public sealed class SecurityHeaders(RequestDelegate next, IOptions<HttpSecurityOptions> options)
{
    /// <summary>
    /// What Blazor Server and MudBlazor need and no more: scripts only from this origin (blazor.web.js and
    /// MudBlazor.min.js are files; no eval) plus the inline import map, which carries this response's nonce; inline
    /// styles (MudBlazor sets style attributes); the circuit's WebSocket on this origin; no framing, no plugins, no
    /// foreign form targets or base URLs. {0} is the nonce.
    /// </summary>
    public const string ContentSecurityPolicyFormat =
        "default-src 'self'; script-src 'self' 'nonce-{0}'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; " +
        "connect-src 'self' ws: wss:; object-src 'none'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'";

    /// <summary>
    /// The API reference page (Scalar, behind login) renders its configuration as an inline module script that the
    /// package generates, so that one page allows inline scripts instead of a nonce; everything still comes from this
    /// origin only (the script file is embedded in the package, web fonts are off).
    /// </summary>
    public const string ApiReferencePolicy =
        "default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; " +
        "connect-src 'self'; object-src 'none'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'";

    private const string NonceKey = "Appliance.CspNonce";

    /// <summary>The nonce of this response's script-src, for the one inline script we render (App.razor's import map).</summary>
    public static string? Nonce(HttpContext? context) => context?.Items[NonceKey] as string;

    public const string ReferrerPolicy = "strict-origin-when-cross-origin";

    private readonly string? _hsts = options.Value.HstsMaxAge > TimeSpan.Zero
        ? "max-age=" + ((long)options.Value.HstsMaxAge.TotalSeconds).ToString(CultureInfo.InvariantCulture)
        : null;

    public Task InvokeAsync(HttpContext context)
    {
        // Hex: valid in the CSP nonce grammar and needs no HTML encoding in the attribute.
        var nonce = Convert.ToHexString(RandomNumberGenerator.GetBytes(16));
        context.Items[NonceKey] = nonce;
        context.Response.OnStarting(static state =>
        {
            var (ctx, hsts) = ((HttpContext, string?))state;
            var headers = ctx.Response.Headers;
            headers.TryAdd("Content-Security-Policy", ctx.Request.Path.StartsWithSegments(Api.ApiReference.Path)
                ? ApiReferencePolicy
                : string.Format(CultureInfo.InvariantCulture, ContentSecurityPolicyFormat, Nonce(ctx)));
            headers.TryAdd("X-Content-Type-Options", "nosniff");
            headers.TryAdd("Referrer-Policy", ReferrerPolicy);
            headers.TryAdd("X-Frame-Options", "DENY"); // for browsers without CSP frame-ancestors
            // RFC 6797 §7.2: HSTS only over a secure transport.
            if (hsts is not null && ctx.Request.IsHttps) headers.TryAdd("Strict-Transport-Security", hsts);
            return Task.CompletedTask;
        }, (context, _hsts));
        return next(context);
    }
}
