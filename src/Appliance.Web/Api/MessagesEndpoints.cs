using System.Buffers;
using System.Security.Claims;
using Appliance.Mta.Configuration;
using Appliance.Mta.Queue;
using Appliance.Mta.Smtp;
using Appliance.Web.Api.Contracts;
using Appliance.Web.Data;
using Appliance.Web.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Appliance.Web.Api;

/// <summary>POST /api/v1/messages: HTTP injection into the engine through <see cref="IMessageSink"/>.</summary>
public static class MessagesEndpoints
{
    public static RouteGroupBuilder MapMessagesEndpoints(this RouteGroupBuilder api)
    {
        api.MapPost("/messages", InjectAsync).RequireOperatorKey();
        return api;
    }

    private static async Task<IResult> InjectAsync(
        InjectMessageRequest request, HttpContext http, ClaimsPrincipal user, IDbContextFactory<ApplianceDbContext> dbFactory,
        IOptions<MtaOptions> options, TimeProvider time, CancellationToken ct)
    {
        var errors = new ValidationErrors();
        var from = request.From?.Trim();
        if (from is null) errors.Add("from", "The envelope sender is required (\"\" for the null sender).");
        else if (from.Length > 0 && !EnvelopeAddress.IsValid(from)) errors.Add("from", $"'{from}' is not a valid address.");
        var to = request.To ?? [];
        if (to.Count == 0) errors.Add("to", "At least one recipient is required.");
        if (to.Count > options.Value.Smtp.MaxRecipients) errors.Add("to", $"At most {options.Value.Smtp.MaxRecipients} recipients.");
        foreach (var rcpt in to.Where(r => !EnvelopeAddress.IsValid(r?.Trim() ?? ""))) errors.Add("to", $"'{rcpt}' is not a valid address.");

        // A tenant-scoped key injects for its tenant; an admin key names the tenant.
        var tenantId = user.FindFirst(ApiKeyAuthenticationHandler.TenantClaim)?.Value ?? request.TenantId?.Trim();
        if (string.IsNullOrEmpty(tenantId)) errors.Add("tenantId", "tenantId is required with an admin API key.");
        if (!errors.IsValid) return errors.ToResult();

        await using (var db = await dbFactory.CreateDbContextAsync(ct))
        {
            if (!await db.Tenants.AnyAsync(t => t.Id == tenantId, ct)) return ApiProblems.Invalid("tenantId", $"Tenant '{tenantId}' does not exist.");
        }

        var now = time.GetUtcNow();
        var message = InjectedMessageBuilder.Build(request, now, errors);
        if (!errors.IsValid) return errors.ToResult();
        if (message.Content.Length > options.Value.Smtp.MaxMessageSize)
            return TypedResults.Problem($"The message is larger than {options.Value.Smtp.MaxMessageSize} bytes.", statusCode: StatusCodes.Status413PayloadTooLarge);

        if (http.RequestServices.GetService<IMessageSink>() is not { } sink) return ApiProblems.EngineUnavailable(nameof(IMessageSink));
        var recipients = to.Select(r => r.Trim()).ToList();
        // As at RCPT time: recipient policies (suppressions) refuse recipients before anything is queued.
        if (Modules.Suppressions.InjectionRecipientCheck.Check(http.RequestServices.GetServices<Appliance.Mta.Policy.IRecipientPolicy>(), tenantId!, from!, recipients,
                http.Connection.RemoteIpAddress?.ToString() ?? "127.0.0.1") is { } refused) return refused;
        var envelope = new MessageEnvelope
        {
            MailFrom = from!,
            Recipients = recipients.Select(r => new EnvelopeRecipient(r)).ToList(),
            TenantId = tenantId!,
            Campaign = message.Campaign,
            Stream = message.Stream,
            // RFC 6152 / RFC 6531: declare what the content and envelope actually carry.
            Body = message.HasEightBit ? BodyType.EightBitMime : BodyType.SevenBit,
            SmtpUtf8 = message.HasUtf8Headers || !EnvelopeAddress.IsAscii(from!) || recipients.Any(r => !EnvelopeAddress.IsAscii(r)),
            ReceivedAt = now,
            ClientAddress = http.Connection.RemoteIpAddress?.ToString() ?? "127.0.0.1",
            AuthUser = "api:" + (user.Identity?.Name ?? "unknown"),
            MessageIdHeader = message.MessageId,
        };

        var reply = await sink.AcceptAsync(envelope, new ReadOnlySequence<byte>(message.Content), ct);
        return ToResult(reply, message.MessageId);
    }

    /// <summary>Maps the sink's SMTP reply: 2xx → 202, 452 / x.3.1 (storage) → 507, other 4xx → 503, 552 → 413, other 5xx → 422.</summary>
    public static IResult ToResult(SmtpReply reply, string? messageId)
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
            extensions: new Dictionary<string, object?> { ["smtpCode"] = reply.Code, ["smtpReply"] = reply.ToString() });
    }

    /// <summary>The queue id is the last word of the 250 reply ("250 2.0.0 Ok: queued as 0123ABCD" → "0123ABCD").</summary>
    public static string QueueIdOf(SmtpReply reply)
    {
        var words = reply.Text.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return words.Length == 0 ? "" : words[^1].Trim('<', '>', '[', ']', '(', ')', '.', ',', ';');
    }
}
