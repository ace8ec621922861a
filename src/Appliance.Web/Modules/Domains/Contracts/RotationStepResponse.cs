namespace Appliance.Web.Modules.Domains.Contracts;

/// <summary>One of the six rotation steps: number, title, state ("done", "current", "waiting") and when it happened.</summary>
public sealed record RotationStepResponse(int Number, string Title, string State, DateTimeOffset? At, string? Detail);
