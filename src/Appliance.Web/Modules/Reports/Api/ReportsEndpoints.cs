using System.Globalization;
using System.Security.Claims;
using Appliance.Mta.Reports;
using Appliance.Web.Api;
using Appliance.Web.Modules.Reports.Contracts;
using Appliance.Web.Modules.Reports.Entities;
using Appliance.Web.Modules.Reports.Ingestion;
using Appliance.Web.Modules.Reports.Queries;
using Appliance.Web.Security;
using Microsoft.Extensions.Options;

namespace Appliance.Web.Modules.Reports.Api;

/// <summary>
/// /api/v1/reports: upload (raw body or multipart files; admin, global key), the DMARC and TLS aggregates, the list of
/// stored reports, failure reports, a report's raw bytes and the ingestion log. Reads are tenant-scoped: a tenant key
/// sees only reports of its own sending domains.
/// </summary>
public static class ReportsEndpoints
{
    public static RouteGroupBuilder MapReportsEndpoints(this RouteGroupBuilder api)
    {
        api.MapPost("/reports", UploadAsync).DisableAntiforgery().WithSummary("Upload DMARC aggregate/failure or TLS-RPT reports (xml, gz, zip, json, eml)").WithTags("Reports").ProducesProblem(400).ProducesProblem(413).ProducesProblem(422);
        api.MapGet("/reports", ListAsync).WithSummary("List stored reports with their problems").WithTags("Reports").ProducesProblem(400);
        api.MapGet("/reports/dmarc", DmarcAsync).WithSummary("DMARC summary: pass rates, days, senders, alignment failures, advice").WithTags("Reports").ProducesProblem(400);
        api.MapGet("/reports/tls", TlsAsync).WithSummary("TLS-RPT summary: sessions, failures by type and MX").WithTags("Reports").ProducesProblem(400);
        api.MapGet("/reports/failures", FailuresAsync).WithSummary("DMARC failure reports").WithTags("Reports").ProducesProblem(400);
        api.MapGet("/reports/{id:long}/raw", RawAsync).WithSummary("A stored report's raw bytes").WithTags("Reports").ProducesProblem(404);
        api.MapGet("/reports/log", LogAsync).WithSummary("Report ingestion errors").WithTags("Reports");
        return api;
    }

    private static async Task<IResult> UploadAsync(HttpRequest request, string? name, ReportIngestionService ingestion, IOptionsMonitor<ReportsOptions> options, CancellationToken ct)
    {
        var max = options.CurrentValue.MaxUploadBytes;
        var files = new List<(string Name, byte[] Bytes)>();
        if (request.HasFormContentType)
        {
            var form = await request.ReadFormAsync(ct);
            foreach (var f in form.Files)
            {
                if (f.Length > max) return TooLarge(max);
                using var ms = new MemoryStream();
                await f.CopyToAsync(ms, ct);
                files.Add((f.FileName, ms.ToArray()));
            }
        }
        else
        {
            if (request.ContentLength > max) return TooLarge(max);
            using var ms = new MemoryStream();
            var buffer = new byte[81920];
            int n;
            while ((n = await request.Body.ReadAsync(buffer, ct)) > 0)
            {
                if (ms.Length + n > max) return TooLarge(max);
                ms.Write(buffer, 0, n);
            }
            files.Add((name ?? "", ms.ToArray()));
        }
        if (files.Count == 0) return ApiProblems.Invalid("file", "Send the report as the request body (xml, json, gz, zip or a report email) or as multipart files.");
        var reports = new List<IngestedReport>();
        var errors = new List<string>();
        foreach (var (fileName, bytes) in files)
        {
            var result = await ingestion.IngestAsync(bytes, fileName, ReportChannel.Upload, "upload:" + (fileName.Length > 0 ? fileName : "body"), ct);
            reports.AddRange(result.Reports);
            errors.AddRange(files.Count > 1 ? result.Errors.Select(e => e.StartsWith(fileName + ":", StringComparison.Ordinal) ? e : $"{fileName}: {e}") : result.Errors);
        }
        if (reports.Count == 0)
            return TypedResults.Problem(string.Join("\n", errors), statusCode: StatusCodes.Status422UnprocessableEntity, title: "No report could be read");
        return TypedResults.Ok(new IngestionResult(reports, errors));
    }

    private static async Task<IResult> DmarcAsync(string? domain, string? from, string? to, ClaimsPrincipal user, ReportQueryService queries, CancellationToken ct)
    {
        if (!TryDate(from, out var f)) return ApiProblems.Invalid("from", "from must be an ISO 8601 date or date-time.");
        if (!TryDate(to, out var t)) return ApiProblems.Invalid("to", "to must be an ISO 8601 date or date-time.");
        return TypedResults.Ok(await queries.DmarcAsync(domain, f, t, TenantScope.Of(user), ct));
    }

    private static async Task<IResult> TlsAsync(string? domain, string? from, string? to, ClaimsPrincipal user, ReportQueryService queries, CancellationToken ct)
    {
        if (!TryDate(from, out var f)) return ApiProblems.Invalid("from", "from must be an ISO 8601 date or date-time.");
        if (!TryDate(to, out var t)) return ApiProblems.Invalid("to", "to must be an ISO 8601 date or date-time.");
        return TypedResults.Ok(await queries.TlsAsync(domain, f, t, TenantScope.Of(user), ct));
    }

    private static async Task<IResult> ListAsync(string? kind, string? domain, int? take, ClaimsPrincipal user, ReportQueryService queries, CancellationToken ct)
    {
        ReportKind? k = null;
        if (!string.IsNullOrEmpty(kind))
        {
            if (!Enum.TryParse<ReportKind>(kind, ignoreCase: true, out var parsed) || int.TryParse(kind, out _))
                return ApiProblems.Invalid("kind", "kind must be dmarcAggregate, tlsRpt or dmarcFailure.");
            k = parsed;
        }
        return TypedResults.Ok(await queries.ListAsync(k, domain, TenantScope.Of(user), take ?? 100, ct));
    }

    private static async Task<IResult> FailuresAsync(string? domain, int? take, ClaimsPrincipal user, ReportQueryService queries, CancellationToken ct) =>
        TypedResults.Ok(await queries.FailureReportsAsync(domain, TenantScope.Of(user), take ?? 100, ct));

    private static async Task<IResult> RawAsync(long id, ClaimsPrincipal user, ReportQueryService queries, CancellationToken ct) =>
        await queries.RawAsync(id, TenantScope.Of(user), ct) is { } raw
            ? TypedResults.File(raw, "application/octet-stream", $"report-{id}.raw")
            : ApiProblems.NotFound($"Report {id} does not exist or its raw bytes are past the retention.");

    private static async Task<IResult> LogAsync(int? take, ReportQueryService queries, CancellationToken ct) =>
        TypedResults.Ok(await queries.LogAsync(take ?? 100, ct));

    private static IResult TooLarge(long max) =>
        TypedResults.Problem($"The upload exceeds {max} bytes (Appliance:Reports:MaxUploadBytes).", statusCode: StatusCodes.Status413PayloadTooLarge, title: "Payload Too Large");

    private static bool TryDate(string? text, out DateTimeOffset? value)
    {
        value = null;
        if (string.IsNullOrWhiteSpace(text)) return true;
        if (!DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var d)) return false;
        value = d;
        return true;
    }
}
