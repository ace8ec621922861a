using System.Security.Claims;
using Appliance.Web.Api;
using Appliance.Web.Security;
using Appliance.Web.Services;

namespace Appliance.Web.Modules.BounceRules;

/// <summary>
/// /api/v1/bounce-rules (list; POST/PUT/DELETE /{id} for custom rules, Admin keys), POST /api/v1/bounce-rules/test (a
/// candidate rule against recent failure responses) and GET /api/v1/bounces/uncategorized?top= (the most frequent
/// responses no rule classifies). Category and hard/soft of each failure are on the events of /api/v1/events.
/// </summary>
public static class BounceRulesEndpoints
{
    public static IEndpointRouteBuilder MapBounceRulesEndpoints(this IEndpointRouteBuilder app)
    {
        var rules = app.MapGroup(ApiEndpoints.Prefix + "/bounce-rules").WithTags("Bounce rules");
        rules.MapGet("", async (BounceRulesService service, CancellationToken ct) => TypedResults.Ok(await service.ListAsync(ct))).WithSummary("Custom bounce rules (evaluated first), then the shipped ones");
        rules.MapPost("/test", TestAsync).WithSummary("Try a rule against the last 2000 failure events").ProducesProblem(400);
        rules.MapPost("/{id}", (string id, BounceRuleRequest request, ClaimsPrincipal user, BounceRulesService service, CancellationToken ct) =>
            SaveAsync(id, request, true, user, service, ct)).WithSummary("Create a custom bounce rule, validated against the whole rule set").ProducesProblem(400).ProducesProblem(409);
        rules.MapPut("/{id}", (string id, BounceRuleRequest request, ClaimsPrincipal user, BounceRulesService service, CancellationToken ct) =>
            SaveAsync(id, request, false, user, service, ct)).WithSummary("Replace a custom bounce rule").ProducesProblem(400).ProducesProblem(404);
        rules.MapDelete("/{id}", DeleteAsync).WithSummary("Delete a custom bounce rule").ProducesProblem(404);
        app.MapGet(ApiEndpoints.Prefix + "/bounces/uncategorized", UncategorizedAsync).WithTags("Bounce rules").WithSummary("The most frequent recent failure responses no rule classifies").ProducesProblem(400);
        return app;
    }

    private static async Task<IResult> SaveAsync(string id, BounceRuleRequest request, bool create, ClaimsPrincipal user, BounceRulesService service, CancellationToken ct)
    {
        var result = await service.SaveAsync(id, request, create, AuditActors.Of(user), ct);
        if (!result.Succeeded) return result.ToProblem();
        return create ? TypedResults.Created($"{ApiEndpoints.Prefix}/bounce-rules/{Uri.EscapeDataString(id)}", result.Value) : TypedResults.Ok(result.Value);
    }

    private static async Task<IResult> DeleteAsync(string id, ClaimsPrincipal user, BounceRulesService service, CancellationToken ct)
    {
        var result = await service.DeleteAsync(id, AuditActors.Of(user), ct);
        return result.Succeeded ? TypedResults.NoContent() : result.ToProblem();
    }

    private static async Task<IResult> TestAsync(BounceRuleRequest request, ClaimsPrincipal user, BounceRulesService service, CancellationToken ct)
    {
        var result = await service.TestAsync(request, TenantScope.Of(user), ct);
        return result.Succeeded ? TypedResults.Ok(result.Value) : result.ToProblem();
    }

    private static async Task<IResult> UncategorizedAsync(ClaimsPrincipal user, BounceRulesService service, int? top, CancellationToken ct) =>
        TypedResults.Ok(await service.UncategorizedAsync(TenantScope.Of(user), top ?? 20, ct));
}
