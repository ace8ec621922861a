using System.Buffers;
using System.Security.Claims;
using Appliance.Mta.Configuration;
using Appliance.Mta.Messages;
using Appliance.Mta.Policy;
using Appliance.Mta.Queue;
using Appliance.Mta.Smtp;
using Appliance.Web.Api.Contracts;
using Appliance.Web.Data;
using Appliance.Web.Security;
using Appliance.Web.Services.TenantLimits;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Appliance.Web.Api;

/// <summary>POST /api/v1/messages: HTTP injection into the engine through <see cref="IMessageSink"/>.</summary>
public static class MessagesEndpoints
{
    public static RouteGroupBuilder MapMessagesEndpoints(this RouteGroupBuilder api)
    {
        api.MapPost("/messages", InjectAsync).WithSummary("Inject a message over HTTP (raw or structured); 202 once it is spooled").WithTags("Messages").ProducesProblem(400).ProducesProblem(404).ProducesProblem(413).ProducesProblem(429).ProducesProblem(503);
        return api;
    }

    private static async Task<IResult> InjectAsync(
        InjectMessageRequest request, HttpContext http, ClaimsPrincipal user, IDbContextFactory<ApplianceDbContext> dbFactory,
        IOptions<MtaOptions> options, TimeProvider time, ITenantQuotaCounters limiter, IMessageSink sink,
        [FromServices] IEnumerable<IRecipientPolicy> recipientPolicies, Cluster.Drain.NodeDrainState drain, CancellationToken ct)
    {
        // A draining node takes no new mail (issue 19); the client sends it to another node.
        if (drain.Draining)
            return TypedResults.Problem("This node is draining and accepts no new mail; send the message to another node.",
                statusCode: StatusCodes.Status503ServiceUnavailable, title: "Node Draining");
        var errors = new ValidationErrors();
        var from = request.From?.Trim();
        if (from is null) errors.Add("from", "The envelope sender is required (\"\" for the null sender).");
        else if (from.Length > 0 && !EnvelopeAddress.IsValid(from)) errors.Add("from", $"'{from}' is not a valid address.");
        var to = InjectionPlanner.Addresses(request.To, "to", errors);
        var cc = InjectionPlanner.Addresses(request.Cc, "cc", errors);
        var bcc = InjectionPlanner.Addresses(request.Bcc, "bcc", errors);
        var total = (request.To?.Count ?? 0) + (request.Cc?.Count ?? 0) + (request.Bcc?.Count ?? 0);
        if (total == 0) errors.Add("to", "At least one recipient is required.");
        if (total > options.Value.Smtp.MaxRecipients) errors.Add("to", $"At most {options.Value.Smtp.MaxRecipients} recipients (to, cc and bcc together).");

        // A tenant-scoped key injects for its tenant; an admin key names the tenant.
        var tenantId = user.FindFirst(ApiKeyAuthenticationHandler.TenantClaim)?.Value ?? request.TenantId?.Trim();
        if (string.IsNullOrEmpty(tenantId)) errors.Add("tenantId", "tenantId is required with an admin API key.");
        if (!errors.IsValid) return errors.ToResult();

        await using (var db = await dbFactory.CreateDbContextAsync(ct))
        {
            if (!await db.Tenants.AnyAsync(t => t.Id == tenantId, ct)) return ApiProblems.Invalid("tenantId", $"Tenant '{tenantId}' does not exist.");
        }

        var now = time.GetUtcNow();
        var plan = InjectionPlanner.Plan(request, to, cc, bcc, now, errors, options.Value.Hostname);
        if (!errors.IsValid) return errors.ToResult();
        if (plan.FirstOrDefault(p => p.Message.Content.Length > options.Value.Smtp.MaxMessageSize) is not null)
            return TypedResults.Problem($"The message is larger than {options.Value.Smtp.MaxMessageSize} bytes.", statusCode: StatusCodes.Status413PayloadTooLarge);

        // The tenant's per-message quotas: recipients (400, nothing queued) and size (413).
        var quota = limiter.LimitsOf(tenantId!);
        if (quota.MaxRecipients is { } maxRecipients && plan.Any(p => p.Recipients.Count > maxRecipients))
            return ApiProblems.Invalid("to", $"Tenant {tenantId} allows at most {maxRecipients} recipients per message.");
        if (quota.MaxMessageSize is { } maxSize && plan.Any(p => p.Message.Content.Length > maxSize))
            return TypedResults.Problem($"Tenant {tenantId} allows messages of at most {maxSize} bytes.", statusCode: StatusCodes.Status413PayloadTooLarge);
        // All or nothing up front: the whole request must fit in the tenant's hour, day, month and sending domain quotas.
        var senderDomain = TenantQuotaDomains.Of(from);
        if (limiter.Check(tenantId!, plan.Count, senderDomain) is { Allowed: false } limited) return TooManyMessages(http, limited);
        var clientAddress = http.Connection.RemoteIpAddress?.ToString() ?? "127.0.0.1";
        // As at RCPT time: recipient policies (suppressions) refuse recipients before anything is queued.
        if (Modules.Suppressions.InjectionRecipientCheck.Check(recipientPolicies, tenantId!, from!,
                plan.SelectMany(p => p.Recipients), clientAddress) is { } refused) return refused;

        var accepted = new List<InjectedRecipient>();
        foreach (var item in plan)
        {
            var message = item.Message;
            var envelope = new MessageEnvelope
            {
                MailFrom = from!,
                Recipients = item.Recipients.Select(r => new EnvelopeRecipient(r)).ToList(),
                TenantId = tenantId!,
                Campaign = message.Campaign,
                // The key's stream wins over the request's, as an SMTP credential's wins over X-Stream.
                Stream = user.FindFirst(Security.ApiKeyAuthenticationHandler.StreamClaim)?.Value ?? message.Stream,
                // RFC 6152 / RFC 6531: declare what the content and envelope actually carry.
                Body = message.HasEightBit ? BodyType.EightBitMime : BodyType.SevenBit,
                SmtpUtf8 = message.HasUtf8Headers || !EnvelopeAddress.IsAscii(from!) || item.Recipients.Any(r => !EnvelopeAddress.IsAscii(r)),
                ReceivedAt = now,
                ClientAddress = clientAddress,
                AuthUser = "api:" + (user.Identity?.Name ?? "unknown"),
                MessageIdHeader = message.MessageId,
            };
            // The sink answers only after the spool's fsync (same durability as SMTP's 250).
            var reply = await sink.AcceptAsync(envelope, new ReadOnlySequence<byte>(message.Content), ct);
            if (!reply.IsPositive)
            {
                // A parallel request filled the window between the check and the reception filter's count.
                if (limiter.Check(tenantId!, 1, senderDomain) is { Allowed: false } late) return TooManyMessages(http, late, accepted);
                return ToResult(reply, message.MessageId, accepted);
            }
            var id = QueueIdOf(reply);
            accepted.AddRange(item.Recipients.Select(r => new InjectedRecipient(r, id, message.MessageId)));
        }
        return TypedResults.Accepted((string?)null, new InjectMessageResponse(accepted[0].Id, accepted[0].MessageId, accepted));
    }

    /// <summary>
    /// RFC 6585 §4 429 with Retry-After (RFC 9110 §10.2.3): seconds until the quota frees enough room. The month quota
    /// answers 429 too (not 403): the refusal is about volume in a period that ends at a known time (the 1st of the next
    /// month, 00:00 UTC), which is what 429 and Retry-After say; the body's "window" is "month" and a client may stop
    /// early. SMTP answers the month with 550 instead because SMTP has no way to say when to retry.
    /// </summary>
    private static IResult TooManyMessages(HttpContext http, TenantRateDecision decision, IReadOnlyList<InjectedRecipient>? accepted = null)
    {
        http.Response.Headers.RetryAfter = decision.RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return TypedResults.Problem(
            detail: decision.Describe(),
            statusCode: StatusCodes.Status429TooManyRequests,
            title: "Tenant quota reached",
            extensions: new Dictionary<string, object?>
            {
                ["window"] = decision.WindowName,
                ["limit"] = decision.Limit,
                ["retryAfterSeconds"] = decision.RetryAfterSeconds,
                ["accepted"] = accepted ?? [],
            });
    }

    /// <summary>Maps the sink's SMTP reply: 2xx → 202, 452 / x.3.1 (storage) → 507, other 4xx → 503, 552 → 413, other 5xx → 422.</summary>
    /// <remarks><paramref name="accepted"/> lists the recipients of earlier messages of the same request that were queued.</remarks>
    public static IResult ToResult(SmtpReply reply, string? messageId, IReadOnlyList<InjectedRecipient>? accepted = null)
    {
        if (reply.IsPositive) return TypedResults.Accepted((string?)null, new InjectMessageResponse(QueueIdOf(reply), messageId));
        // RFC 3463 §3.4: X.3.1 "mail system full"; RFC 5321 §4.2.3: 452 insufficient system storage.
        var storage = reply.Code == 452 || reply.Enhanced is { Subject: 3, Detail: 1 };
        var status = reply.IsTransient ? (storage ? StatusCodes.Status507InsufficientStorage : StatusCodes.Status503ServiceUnavailable)
            : reply.Code == 552 ? StatusCodes.Status413PayloadTooLarge
            : StatusCodes.Status422UnprocessableEntity;
        return TypedResults.Problem(
            detail: reply.ToString(),
            statusCode: status,
            title: reply.IsTransient ? "Message not queued (temporary)" : "Message rejected",
            extensions: new Dictionary<string, object?> { ["smtpCode"] = reply.Code, ["smtpReply"] = reply.ToString(), ["accepted"] = accepted ?? [] });
    }

    /// <summary>The queue id is the last word of the 250 reply ("250 2.0.0 Ok: queued as 0123ABCD" → "0123ABCD").</summary>
    public static string QueueIdOf(SmtpReply reply)
    {
        var words = reply.Text.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return words.Length == 0 ? "" : words[^1].Trim('<', '>', '[', ']', '(', ')', '.', ',', ';');
    }
}
