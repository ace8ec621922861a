using Appliance.Web.Data;
using Appliance.Web.Modules.Webhooks.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Appliance.Web.Modules.Webhooks.Delivery;

/// <summary>Records POST attempts per endpoint and keeps the newest <see cref="WebhookOptions.DeliveryLogSize"/>.</summary>
public sealed class WebhookDeliveryLog(IDbContextFactory<ApplianceDbContext> dbFactory, IOptions<WebhookOptions> options, TimeProvider time)
{
    /// <summary>Characters kept of request and response bodies.</summary>
    public const int ExcerptLength = 1024;

    public static string Excerpt(string text) => text.Length <= ExcerptLength ? text : text[..(ExcerptLength - 1)] + "…";

    public async Task<WebhookDelivery> RecordAsync(string endpointId, WebhookSendResult result, int attempt, int eventCount, bool isTest, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var row = new WebhookDelivery
        {
            EndpointId = endpointId,
            At = time.GetUtcNow(),
            Attempt = attempt,
            EventCount = eventCount,
            IsTest = isTest,
            Succeeded = result.Succeeded,
            StatusCode = result.StatusCode,
            LatencyMs = Math.Round(result.LatencyMs, 1),
            RequestExcerpt = result.RequestExcerpt,
            ResponseExcerpt = result.ResponseExcerpt,
            Error = result.Error,
        };
        db.WebhookDeliveries.Add(row);
        await db.SaveChangesAsync(ct);
        // Trimmed every 20th row: the log holds between DeliveryLogSize and DeliveryLogSize + 20 rows per endpoint.
        if (row.Id % 20 != 0) return row;
        var keep = Math.Max(1, options.Value.DeliveryLogSize);
        var cutoff = await db.WebhookDeliveries.Where(d => d.EndpointId == endpointId).OrderByDescending(d => d.Id).Skip(keep).Select(d => (long?)d.Id).FirstOrDefaultAsync(ct);
        if (cutoff is { } c) await db.WebhookDeliveries.Where(d => d.EndpointId == endpointId && d.Id <= c).ExecuteDeleteAsync(ct);
        return row;
    }

    /// <summary>The newest attempts first.</summary>
    public async Task<IReadOnlyList<WebhookDelivery>> ListAsync(string endpointId, int take, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.WebhookDeliveries.AsNoTracking().Where(d => d.EndpointId == endpointId)
            .OrderByDescending(d => d.Id).Take(Math.Clamp(take, 1, 1000)).ToListAsync(ct);
    }
}
