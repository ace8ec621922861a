using Appliance.Web.Modules.Domains.Contracts;
using Appliance.Web.Modules.Domains.Entities;

namespace Appliance.Web.Modules.Domains.Rotation;

/// <summary>
/// The rotation state machine as a table, one row per phase (steps 1-6 of the key rotation):
/// <code>
/// phase                 event                                    → phase                 steps
/// Stable                now ≥ NextRotationAt, or "rotate now"    → AwaitingPublication   1 generate, 2 show record
/// AwaitingPublication   every pending record seen in DNS         → GracePeriod           3 verify, 4 switch signing
/// AwaitingPublication   now ≥ PublishDeadline (once)             → AwaitingPublication   Alert event + UI badge
/// GracePeriod           now ≥ GraceEndsAt                        → Stable                5 grace over, 6 retire old
/// </code>
/// This class renders a domain's position in it for the UI and the API.
/// </summary>
public static class RotationSteps
{
    public static readonly string[] Titles =
    [
        "Generate the next key under a new selector",
        "Publish its DNS record",
        "Verify the record in DNS",
        "Switch signing to the new key",
        "Keep the old selector published (grace period)",
        "Retire the old key",
    ];

    public static RotationResponse Describe(SendingDomain d)
    {
        var rotating = d.RotationStartedAt is not null;
        var (done, current) = d.Phase switch
        {
            RotationPhase.AwaitingPublication => (2, 3),
            RotationPhase.GracePeriod => (4, 5),
            _ => rotating ? (6, 0) : (0, 0),
        };
        DateTimeOffset?[] at = [d.RotationStartedAt, d.RotationStartedAt, d.VerifiedAt, d.SwitchedAt, d.SwitchedAt, d.RetiredAt];
        var details = new string?[6];
        if (d.Phase == RotationPhase.AwaitingPublication)
            details[2] = d.AlertRaisedAt is not null ? $"Not published by the deadline {d.PublishDeadline:u}" : $"Deadline {d.PublishDeadline:u}";
        if (d.Phase == RotationPhase.GracePeriod) details[4] = $"Until {d.GraceEndsAt:u}";
        var steps = Enumerable.Range(1, 6).Select(n => new RotationStepResponse(
            n, Titles[n - 1],
            n <= done ? "done" : n == current ? "current" : "waiting",
            n <= done || (n == current && n == 5) ? at[n - 1] : null,
            details[n - 1])).ToList();
        return new RotationResponse(
            Camel(d.Phase.ToString()), steps, d.NextRotationAt, d.PublishDeadline, d.GraceEndsAt,
            d.Phase == RotationPhase.AwaitingPublication && d.AlertRaisedAt is not null);
    }

    private static string Camel(string s) => char.ToLowerInvariant(s[0]) + s[1..];
}
