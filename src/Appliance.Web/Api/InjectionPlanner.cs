using Appliance.Web.Api.Contracts;

namespace Appliance.Web.Api;

/// <summary>
/// Validates an injection request's recipients and turns it into the messages to queue: one message to To + Cc +
/// Bcc, or, with per-recipient variables, one personalised message per To recipient.
/// </summary>
public static class InjectionPlanner
{
    /// <summary>Trimmed, non-empty addresses of one list; invalid ones are reported under <paramref name="field"/>.</summary>
    public static List<string> Addresses(IReadOnlyList<string>? list, string field, ValidationErrors errors)
    {
        var result = new List<string>();
        foreach (var raw in list ?? [])
        {
            var address = raw?.Trim() ?? "";
            if (!EnvelopeAddress.IsValid(address)) errors.Add(field, $"'{raw}' is not a valid address.");
            else result.Add(address);
        }
        return result;
    }

    public static List<InjectionPlanItem> Plan(InjectMessageRequest request, List<string> to, List<string> cc, List<string> bcc,
        DateTimeOffset now, ValidationErrors errors, string? hostname = null)
    {
        if (request.Variables is null)
        {
            var message = InjectedMessageBuilder.Build(request with { To = to, Cc = cc }, now, errors, hostname);
            return errors.IsValid ? [new InjectionPlanItem([.. to, .. cc, .. bcc], message)] : [];
        }

        if (request.Raw is not null) errors.Add("variables", "Per-recipient variables need the structured form (subject, text, html), not raw.");
        if (cc.Count + bcc.Count > 0) errors.Add("variables", "cc and bcc cannot be combined with per-recipient variables: each To recipient gets its own message.");
        if (!errors.IsValid) return [];

        var byRecipient = new Dictionary<string, IReadOnlyDictionary<string, string>>(StringComparer.OrdinalIgnoreCase);
        foreach (var (address, values) in request.Variables) byRecipient[address.Trim()] = values ?? new Dictionary<string, string>();
        var plan = new List<InjectionPlanItem>();
        foreach (var rcpt in to)
        {
            var values = byRecipient.TryGetValue(rcpt, out var v) ? v : new Dictionary<string, string>();
            var missing = new SortedSet<string>(StringComparer.Ordinal);
            var personal = request with
            {
                To = [rcpt],
                Cc = [],
                Variables = null,
                Subject = SubstitutionTemplate.Apply(request.Subject, rcpt, values, html: false, missing),
                Text = SubstitutionTemplate.Apply(request.Text, rcpt, values, html: false, missing),
                Html = SubstitutionTemplate.Apply(request.Html, rcpt, values, html: true, missing),
            };
            if (missing.Count > 0)
            {
                errors.Add("variables", $"{rcpt} has no value for {string.Join(", ", missing.Select(m => "{{" + m + "}}"))}.");
                continue;
            }
            var message = InjectedMessageBuilder.Build(personal, now, errors, hostname);
            if (!errors.IsValid) return [];
            plan.Add(new InjectionPlanItem([rcpt], message));
        }
        return errors.IsValid ? plan : [];
    }
}
