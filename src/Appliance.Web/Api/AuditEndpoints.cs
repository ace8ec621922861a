using Appliance.Web.Security;
using Appliance.Web.Services;

namespace Appliance.Web.Api;

/// <summary>GET /api/v1/audit?skip=&amp;take=&amp;search=: the audit log, newest first (admin keys only).</summary>
public static class AuditEndpoints
{
    public const int DefaultTake = 50;

    public static RouteGroupBuilder MapAuditEndpoints(this RouteGroupBuilder api)
    {
        api.MapGet("/audit", async (IAuditLog audit, int? skip, int? take, string? search, CancellationToken ct) =>
        {
            var errors = new ValidationErrors();
            if (skip is < 0) errors.Add("skip", "skip must be 0 or more.");
            if (take is < 1 or > AuditLog.MaxPageSize) errors.Add("take", $"take must be between 1 and {AuditLog.MaxPageSize}.");
            if (!errors.IsValid) return errors.ToResult();
            var (items, total) = await audit.ListAsync(skip ?? 0, take ?? DefaultTake, search, ct);
            return TypedResults.Ok(new { total, skip = skip ?? 0, items });
        }).WithSummary("Page through the audit log, newest first").WithTags("Audit").ProducesProblem(400);
        return api;
    }
}
