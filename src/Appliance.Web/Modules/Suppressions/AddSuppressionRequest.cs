namespace Appliance.Web.Modules.Suppressions;

/// <summary>POST /api/v1/suppressions. Scope: global, tenant (default for tenant keys) or senderDomain; reason defaults to manual.</summary>
public sealed record AddSuppressionRequest(string? Address, string? Scope = null, string? ScopeKey = null, string? Reason = null);
