using System.Security.Claims;
using System.Text;
using System.Text.Json;
using Appliance.Mta.Events;
using Appliance.Web.Api;
using CsvHelper;

namespace Appliance.Web.Modules.EventStore;

/// <summary>
/// GET /api/v1/events/export?format=csv|json&amp;messageId=&amp;recipient=&amp;sender=&amp;tenant=&amp;from=&amp;to=&amp;limit=:
/// the same search as GET /api/v1/events, written to the response row by row (newest first) as CSV (text/csv, RFC 4180)
/// or a JSON array. Tenant-scoped keys export their own tenant only.
/// </summary>
public static class EventExportEndpoints
{
    public const int DefaultLimit = 10_000;
    public const int MaxLimit = 1_000_000;

    public static RouteGroupBuilder MapEventExportEndpoints(this RouteGroupBuilder api)
    {
        api.MapGet("/events/export", ExportAsync).WithSummary("Stream an event search as CSV or a JSON array").WithTags("Events").ProducesProblem(400);
        return api;
    }

    private static async Task<IResult> ExportAsync(
        HttpContext http, ClaimsPrincipal user, EventLog log, CancellationToken ct,
        string? format = null, string? messageId = null, string? recipient = null, string? sender = null, string? tenant = null,
        DateTimeOffset? from = null, DateTimeOffset? to = null, int? limit = null)
    {
        var errors = new ValidationErrors();
        format = (format ?? "json").ToLowerInvariant();
        if (format is not ("csv" or "json")) errors.Add("format", "format must be csv or json.");
        if (limit is < 1 or > MaxLimit) errors.Add("limit", $"The limit must be between 1 and {MaxLimit}.");
        if (from is not null && to is not null && from >= to) errors.Add("from", "from must be earlier than to.");
        if (!errors.IsValid) return errors.ToResult();
        var own = TenantScope.Of(user);
        if (own is not null && !string.IsNullOrEmpty(tenant) && tenant != own) return TenantScope.Forbidden($"This API key cannot read tenant '{tenant}'.");

        var query = new EventQuery
        {
            MessageId = Blank(messageId), Recipient = Blank(recipient), Sender = Blank(sender), Tenant = own ?? Blank(tenant),
            From = from, To = to, Limit = limit ?? DefaultLimit,
        };
        http.Response.ContentType = format == "csv" ? "text/csv; charset=utf-8" : "application/json; charset=utf-8";
        http.Response.Headers.ContentDisposition = $"attachment; filename=\"events.{format}\"";
        await using var writer = new StreamWriter(http.Response.Body, new UTF8Encoding(false), 64 * 1024);
        if (format == "csv")
        {
            await using var csv = CsvWriter.Create(writer, EventCsv.Options, leaveOpen: true);
            EventCsv.WriteHeader(csv);
            await foreach (var e in log.StreamAsync(query, ct))
            {
                EventCsv.WriteFields(csv, e);
                await csv.EndRecordAsync(ct);
            }
            await csv.FlushAsync(ct);
            return Results.Empty;
        }
        await writer.WriteAsync("[");
        var first = true;
        await foreach (var e in log.StreamAsync(query, ct))
        {
            await writer.WriteAsync((first ? "\n" : ",\n") + JsonSerializer.Serialize(e, EventLog.Json));
            first = false;
        }
        await writer.WriteAsync("\n]\n");
        return Results.Empty;
    }

    private static string? Blank(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();
}
