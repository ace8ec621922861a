using System.Globalization;
using System.Threading.RateLimiting;
using Appliance.Web.Configuration;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace Appliance.Web.Security;

/// <summary>
/// Rate limit of the login and two-factor form posts per client address (Microsoft.AspNetCore.RateLimiting, a fixed
/// one-minute window of <see cref="LoginOptions.PostsPerMinute"/>); other requests are not limited. Beyond it: 429 with
/// Retry-After and a problem document. docs/security.md, "Login and lockouts".
/// </summary>
public static class LoginRateLimiting
{
    public const string LoginPath = "/account/login";
    public const string TwoFactorPath = "/account/login-2fa";

    public static IServiceCollection AddLoginRateLimiting(this IServiceCollection services)
    {
        services.AddRateLimiter(_ => { });
        services.AddOptions<RateLimiterOptions>().Configure<IOptions<LoginOptions>>((o, login) =>
        {
            var perMinute = login.Value.PostsPerMinute;
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context =>
                perMinute <= 0 || !IsLoginPost(context.Request)
                    ? RateLimitPartition.GetNoLimiter("")
                    : RateLimitPartition.GetFixedWindowLimiter("login " + ClientAddress(context), _ => new FixedWindowRateLimiterOptions
                    {
                        PermitLimit = perMinute,
                        Window = TimeSpan.FromMinutes(1),
                        QueueLimit = 0,
                    }));
            o.OnRejected = async (rejected, ct) =>
            {
                var response = rejected.HttpContext.Response;
                var retryAfter = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromMinutes(1);
                response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
                var problems = rejected.HttpContext.RequestServices.GetRequiredService<IProblemDetailsService>();
                await problems.WriteAsync(new ProblemDetailsContext
                {
                    HttpContext = rejected.HttpContext,
                    ProblemDetails =
                    {
                        Status = StatusCodes.Status429TooManyRequests,
                        Title = "Too many login attempts",
                        Detail = "Too many login attempts from your address. Wait a minute and try again.",
                    },
                });
            };
        });
        return services;
    }

    public static bool IsLoginPost(HttpRequest request) =>
        HttpMethods.IsPost(request.Method)
        && (request.Path.Equals(LoginPath, StringComparison.OrdinalIgnoreCase) || request.Path.Equals(TwoFactorPath, StringComparison.OrdinalIgnoreCase));

    private static string ClientAddress(HttpContext context) =>
        context.Connection.RemoteIpAddress is { } ip ? (ip.IsIPv4MappedToIPv6 ? ip.MapToIPv4() : ip).ToString() : "unknown";
}
