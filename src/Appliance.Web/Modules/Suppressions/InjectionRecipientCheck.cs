using Appliance.Mta.Policy;

namespace Appliance.Web.Modules.Suppressions;

/// <summary>
/// HTTP injection asks the same <see cref="IRecipientPolicy"/> set as RCPT TO (suppressions first among them):
/// any recipient a policy rejects makes the whole request fail with 422 naming each refused recipient and why,
/// and nothing is queued.
/// </summary>
public static class InjectionRecipientCheck
{
    public static IResult? Check(IEnumerable<IRecipientPolicy> policies, string tenantId, string mailFrom, IEnumerable<string> recipients, string clientAddress)
    {
        var all = policies.ToArray();
        var refused = new Dictionary<string, string[]>(StringComparer.Ordinal);
        foreach (var rcpt in recipients)
        {
            var check = new RecipientCheck(tenantId, mailFrom, rcpt, true, clientAddress);
            foreach (var policy in all)
            {
                var decision = policy.Evaluate(check);
                if (decision.Kind == RecipientDecisionKind.Continue) continue;
                if (decision.Kind == RecipientDecisionKind.Reject) refused[rcpt] = [decision.Reply?.ToString() ?? decision.Reason ?? "refused"];
                break;
            }
        }
        return refused.Count == 0 ? null : TypedResults.Problem(
            detail: "Recipients refused: " + string.Join("; ", refused.Select(r => $"{r.Key}: {r.Value[0]}")),
            statusCode: StatusCodes.Status422UnprocessableEntity, title: "Recipients refused",
            extensions: new Dictionary<string, object?> { ["recipients"] = refused });
    }
}
