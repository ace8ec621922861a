using System.Security.Claims;
using Appliance.Web.Api;
using Appliance.Web.Modules.Reports.Contracts;
using Appliance.Web.Modules.Reports.Imap;
using Appliance.Web.Security;
using Appliance.Web.Services;

namespace Appliance.Web.Modules.Reports.Api;

/// <summary>/api/v1/reports/mailboxes: IMAPS report mailboxes (admin, global key): list, add, change, delete, poll now.</summary>
public static class MailboxEndpoints
{
    public static RouteGroupBuilder MapMailboxEndpoints(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/reports/mailboxes");
        group.MapGet("", async (MailboxService mailboxes, CancellationToken ct) => TypedResults.Ok(await mailboxes.ListAsync(ct))).WithSummary("List IMAPS report mailboxes (passwords never returned)").WithTags("Reports");
        group.MapPost("", CreateAsync).WithSummary("Add an IMAPS report mailbox").WithTags("Reports").ProducesProblem(400);
        group.MapPut("/{id:int}", UpdateAsync).WithSummary("Change a report mailbox").WithTags("Reports").ProducesProblem(400).ProducesProblem(404);
        group.MapDelete("/{id:int}", DeleteAsync).WithSummary("Delete a report mailbox").WithTags("Reports").ProducesProblem(404);
        group.MapPost("/{id:int}/poll", PollAsync).WithSummary("Poll a report mailbox now").WithTags("Reports").ProducesProblem(404);
        return api;
    }

    private static async Task<IResult> CreateAsync(MailboxRequest request, ClaimsPrincipal user, MailboxService mailboxes, CancellationToken ct)
    {
        var result = await mailboxes.CreateAsync(request, AuditActors.Of(user), ct);
        return result.Succeeded ? TypedResults.Created($"{ApiEndpoints.Prefix}/reports/mailboxes/{result.Value!.Id}", result.Value) : result.ToProblem();
    }

    private static async Task<IResult> UpdateAsync(int id, MailboxRequest request, ClaimsPrincipal user, MailboxService mailboxes, CancellationToken ct)
    {
        var result = await mailboxes.UpdateAsync(id, request, AuditActors.Of(user), ct);
        return result.Succeeded ? TypedResults.Ok(result.Value) : result.ToProblem();
    }

    private static async Task<IResult> DeleteAsync(int id, ClaimsPrincipal user, MailboxService mailboxes, CancellationToken ct) =>
        await mailboxes.DeleteAsync(id, AuditActors.Of(user), ct) ? TypedResults.NoContent() : ApiProblems.NotFound($"Mailbox {id} does not exist.");

    private static async Task<IResult> PollAsync(int id, ImapMailboxPoller poller, CancellationToken ct) =>
        await poller.PollAsync(id, ct) is { } outcome ? TypedResults.Ok(outcome) : ApiProblems.NotFound($"Mailbox {id} does not exist.");
}
