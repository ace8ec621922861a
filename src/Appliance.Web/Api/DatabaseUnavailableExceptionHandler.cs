using Appliance.Web.Data;
using Microsoft.AspNetCore.Diagnostics;

namespace Appliance.Web.Api;

/// <summary>
/// An API request that fails because the settings database cannot be reached answers 503 with an RFC 7807 problem
/// (title "Database Unavailable", <see cref="DatabaseUnavailable.Message"/>) and Retry-After, instead of a bare 500.
/// Mail does not pass here: SMTP keeps running on the last snapshots. Other exceptions go on to the default handler.
/// </summary>
public sealed partial class DatabaseUnavailableExceptionHandler(IProblemDetailsService problems, ILogger<DatabaseUnavailableExceptionHandler> logger) : IExceptionHandler
{
    /// <summary>Seconds a client should wait before trying again.</summary>
    public const int RetryAfterSeconds = 5;

    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        if (!httpContext.Request.Path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase) || !DatabaseUnavailable.Is(exception)) return false;
        Unavailable(logger, httpContext.Request.Method, httpContext.Request.Path, exception.GetBaseException().Message);
        httpContext.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        httpContext.Response.Headers.RetryAfter = RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            Exception = exception,
            ProblemDetails = { Status = StatusCodes.Status503ServiceUnavailable, Title = "Database Unavailable", Detail = DatabaseUnavailable.Message },
        });
    }

    [LoggerMessage(EventId = 5975, Level = LogLevel.Warning, Message = "{Method} {Path} answered 503: the settings database is unreachable ({Reason})")]
    private static partial void Unavailable(ILogger logger, string method, string path, string reason);
}
