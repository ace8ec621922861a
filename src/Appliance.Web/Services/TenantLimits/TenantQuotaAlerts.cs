using System.Globalization;
using Appliance.Mta.Events;

namespace Appliance.Web.Services.TenantLimits;

/// <summary>
/// Raises the 80 % and 100 % quota warnings as Alert events with the tenant set: the tenant's webhooks subscribed to
/// "Alert" receive them, and the administrators' alert digest (Appliance:AlertDigest) mails them; each is also handed to
/// <see cref="TenantQuotaMailer"/> for the tenant's admins. The detail starts with <see cref="DetailPrefix"/>
/// (docs/tenants.md, "Quotas").
/// </summary>
public sealed partial class TenantQuotaAlerts(IEventSink events, TenantQuotaMailQueue mail, TimeProvider time, ILogger<TenantQuotaAlerts> logger)
{
    public const string DetailPrefix = "Tenant quota";

    public void Raise(IReadOnlyList<TenantQuotaWarning> warnings)
    {
        foreach (var w in warnings)
        {
            var detail = Describe(w);
            events.Write(new MtaEvent { Type = MtaEventType.Alert, Timestamp = time.GetUtcNow(), Tenant = w.TenantId, Sender = w.Domain, Detail = detail });
            LogWarning(logger, detail);
            if (!mail.TryAdd(w)) LogMailDropped(logger, w.TenantId);
        }
    }

    public static string Describe(TenantQuotaWarning w)
    {
        var quota = w.Window switch
        {
            TenantLimitWindow.Hour => "hourly quota",
            TenantLimitWindow.Day => "daily quota",
            TenantLimitWindow.Month => "monthly quota",
            TenantLimitWindow.DomainDay => "daily quota for sending domain " + w.Domain,
            _ => "quota",
        };
        return string.Create(CultureInfo.InvariantCulture,
            $"{DetailPrefix} {w.Percent}%: tenant {w.TenantId} used {w.Used} of its {quota} of {w.Limit} messages");
    }

    [LoggerMessage(3612, LogLevel.Warning, "{Detail}")]
    private static partial void LogWarning(ILogger logger, string detail);

    [LoggerMessage(3617, LogLevel.Warning, "Quota warning of tenant {Tenant} not mailed: too many warnings wait for the mailer")]
    private static partial void LogMailDropped(ILogger logger, string tenant);
}
