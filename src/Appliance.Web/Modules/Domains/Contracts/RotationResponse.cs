namespace Appliance.Web.Modules.Domains.Contracts;

/// <summary>The rotation state machine of a domain: phase, steps, deadlines, and whether the publish alert is raised.</summary>
public sealed record RotationResponse(
    string Phase, IReadOnlyList<RotationStepResponse> Steps, DateTimeOffset NextRotationAt, DateTimeOffset? PublishDeadline,
    DateTimeOffset? GraceEndsAt, bool Alert);
