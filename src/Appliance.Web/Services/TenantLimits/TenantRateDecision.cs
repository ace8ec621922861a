using System.Globalization;
using Appliance.Mta.Smtp;

namespace Appliance.Web.Services.TenantLimits;

/// <summary>
/// The limiter's typed answer. Refused decisions carry the window, its limit and when it rolls over, and map to a
/// transient SMTP reply (the client keeps the message and retries) or an HTTP 429 with Retry-After.
/// </summary>
public readonly record struct TenantRateDecision(bool Allowed, TenantLimitWindow Window, int Limit, TimeSpan RetryAfter, string TenantId)
{
    public static TenantRateDecision Allow(string tenantId) => new(true, TenantLimitWindow.None, 0, TimeSpan.Zero, tenantId);

    /// <summary>Whole seconds to wait, at least 1 (RFC 9110 §10.2.3 delay-seconds).</summary>
    public int RetryAfterSeconds => Math.Max(1, (int)Math.Ceiling(RetryAfter.TotalSeconds));

    public string Describe() => Allowed
        ? "within limits"
        : string.Create(CultureInfo.InvariantCulture,
            $"Tenant {TenantId} reached its {(Window == TenantLimitWindow.Hour ? "hourly" : "daily")} limit of {Limit} messages; try again in {RetryAfterSeconds} s");

    /// <summary>
    /// RFC 5321 §4.2.2 451 (local limit, try later) with RFC 3463 §3.8 X.7.1 (delivery not authorized) in the
    /// transient class: a well-behaved client queues the message and retries after the window rolls over.
    /// </summary>
    public SmtpReply ToSmtpReply() => new(451, "4.7.1", Describe());
}
