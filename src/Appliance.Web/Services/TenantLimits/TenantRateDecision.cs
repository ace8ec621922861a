using System.Globalization;
using Appliance.Mta.Smtp;

namespace Appliance.Web.Services.TenantLimits;

/// <summary>
/// The quota counters' typed answer. Refused decisions carry the quota, its limit and when it frees (<see cref="RetryAfter"/>
/// from now), and map to an SMTP reply (<see cref="ToSmtpReply"/>) or an HTTP 429 with Retry-After.
/// </summary>
public readonly record struct TenantRateDecision(bool Allowed, TenantLimitWindow Window, long Limit, TimeSpan RetryAfter, string TenantId, string? Domain = null,
    DateTimeOffset DecidedAt = default)
{
    public static TenantRateDecision Allow(string tenantId) => new(true, TenantLimitWindow.None, 0, TimeSpan.Zero, tenantId);

    /// <summary>Whole seconds to wait, at least 1 (RFC 9110 §10.2.3 delay-seconds).</summary>
    public int RetryAfterSeconds => Math.Max(1, (int)Math.Min(int.MaxValue, Math.Ceiling(RetryAfter.TotalSeconds)));

    /// <summary>The quota's name in replies and problem bodies: hour, day, month, domain-day, recipients, size.</summary>
    public string WindowName => Window switch
    {
        TenantLimitWindow.Hour => "hour",
        TenantLimitWindow.Day => "day",
        TenantLimitWindow.Month => "month",
        TenantLimitWindow.DomainDay => "domain-day",
        TenantLimitWindow.Recipients => "recipients",
        TenantLimitWindow.Size => "size",
        _ => "none",
    };

    /// <summary>The text of the reply; Retry-After is shown as a UTC clock time from <see cref="DecidedAt"/>.</summary>
    public string Describe()
    {
        if (Allowed) return "within quota";
        var at = (DecidedAt + TimeSpan.FromSeconds(RetryAfterSeconds)).UtcDateTime;
        var retry = string.Create(CultureInfo.InvariantCulture, $"retry after {at:HH:mm} UTC");
        return Window switch
        {
            TenantLimitWindow.Hour => string.Create(CultureInfo.InvariantCulture, $"Tenant {TenantId} hourly quota of {Limit} messages reached; {retry}"),
            TenantLimitWindow.Day => string.Create(CultureInfo.InvariantCulture, $"Tenant {TenantId} daily quota of {Limit} messages reached; {retry}"),
            TenantLimitWindow.DomainDay => string.Create(CultureInfo.InvariantCulture, $"Tenant {TenantId} daily quota of {Limit} messages for sending domain {Domain} reached; {retry}"),
            TenantLimitWindow.Month => string.Create(CultureInfo.InvariantCulture, $"Tenant {TenantId} monthly quota of {Limit} messages reached until {at:yyyy-MM-dd HH:mm} UTC"),
            TenantLimitWindow.Recipients => string.Create(CultureInfo.InvariantCulture, $"Tenant {TenantId} allows at most {Limit} recipients per message"),
            TenantLimitWindow.Size => string.Create(CultureInfo.InvariantCulture, $"Tenant {TenantId} allows messages of at most {Limit} bytes"),
            _ => "refused",
        };
    }

    /// <summary>
    /// Hour, day and domain-day: RFC 5321 §4.2.2 452 (transient: the client keeps the message and retries) with
    /// RFC 3463 §3.8 X.7.0. Month: 550 5.7.0, permanent (retrying for days helps nobody). Recipients: RFC 5321
    /// §4.5.3.1.10 452 4.5.3 (RFC 3463 §3.6 too many recipients; the client sends the rest in another transaction).
    /// Size: RFC 1870 §6 552 5.3.4 (RFC 3463 §3.4 message too big for system).
    /// </summary>
    public SmtpReply ToSmtpReply() => Window switch
    {
        TenantLimitWindow.Month => new(550, "5.7.0", Describe()),
        TenantLimitWindow.Recipients => new(452, "4.5.3", Describe()),
        TenantLimitWindow.Size => new(552, "5.3.4", Describe()),
        _ => new(452, "4.7.0", Describe()),
    };
}
