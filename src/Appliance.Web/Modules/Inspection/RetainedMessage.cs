namespace Appliance.Web.Modules.Inspection;

/// <summary>
/// What <see cref="MessageInspectionService"/> found for a message the caller may see: its tenant, whether the tenant
/// retains contents now, and the content (null when none is kept: retention off, expired, dropped by the budget).
/// </summary>
public sealed record RetainedMessage(string MessageId, string TenantId, bool RetentionOn, byte[]? Content);
