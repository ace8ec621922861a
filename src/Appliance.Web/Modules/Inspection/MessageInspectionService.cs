using System.Security.Cryptography;
using Appliance.Web.Security.Scope;
using Appliance.Web.Services;

namespace Appliance.Web.Modules.Inspection;

/// <summary>
/// Opens a message's retained content for a caller who holds the content permission (the page and the endpoints
/// check <see cref="Security.Permissions.CanViewContent"/>): scoped like the message page (another tenant's message is
/// "not found"), and every look at a content is written to the audit log with the viewer's identity.
/// </summary>
public sealed class MessageInspectionService(MessageSearchService search, MessageContentStore store, ContentRetentionPolicies policies, IAuditLog audit,
    ILogger<MessageInspectionService> logger)
{
    /// <summary>The audit action of a view: <c>message.content.view</c>, <c>.preview</c> or <c>.download</c>.</summary>
    public static string ActionOf(ContentView view) => view switch
    {
        ContentView.Preview => "message.content.preview",
        ContentView.Download => "message.content.download",
        _ => "message.content.view",
    };

    /// <summary>
    /// The message <paramref name="messageId"/> as <paramref name="scope"/> may see it; not found for an unknown id or
    /// another tenant's message. When a content is returned, <paramref name="actor"/>'s view is audited first.
    /// </summary>
    public async Task<ServiceResult<RetainedMessage>> OpenAsync(string messageId, CallerScope scope, string actor, ContentView view, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(scope);
        var detail = await search.GetDetailAsync(messageId, scope.TenantId, ct);
        if (detail?.Tenant is not { } tenant || !scope.CanSee(tenant)) return ServiceResult<RetainedMessage>.NotFound($"No message '{messageId}'.");
        byte[]? content = null;
        try
        {
            content = store.Read(tenant, detail.Id);
        }
        catch (CryptographicException ex)
        {
            InspectionLog.Unreadable(logger, detail.Id, tenant, ex);
        }
        if (content is not null) await audit.RecordAsync(actor, ActionOf(view), detail.Id, null, new { tenant, view = view.ToString().ToLowerInvariant() }, ct);
        return ServiceResult<RetainedMessage>.Ok(new RetainedMessage(detail.Id, tenant, policies.IsOn(tenant), content));
    }
}
