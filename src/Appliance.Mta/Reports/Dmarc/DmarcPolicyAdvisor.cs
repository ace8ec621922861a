using System.Globalization;

namespace Appliance.Mta.Reports.Dmarc;

/// <summary>
/// Progressive DMARC rollout advice (RFC 7489 §6.6.4 and §10.3: start with p=none, then apply quarantine and reject
/// to a growing pct= sample): none → quarantine 10/25/50/100 % → reject 10/25/50/100 %. A step is advised only after
/// <see cref="MinDays"/> days and <see cref="MinMessages"/> messages under the current policy with at least
/// <see cref="ReadyRate"/> of them aligned; the advice names the numbers it rests on.
/// </summary>
public sealed class DmarcPolicyAdvisor
{
    private static readonly (string P, int Pct)[] Steps =
    [
        ("none", 100), ("quarantine", 10), ("quarantine", 25), ("quarantine", 50), ("quarantine", 100),
        ("reject", 10), ("reject", 25), ("reject", 50), ("reject", 100),
    ];

    /// <summary>Days of reports needed under the current policy before a step is advised (default 14).</summary>
    public int MinDays { get; init; } = 14;

    /// <summary>Messages reported under the current policy needed before a step is advised (default 100).</summary>
    public long MinMessages { get; init; } = 100;

    /// <summary>Share of aligned messages (0..1) needed to advise the next step (default 0.98).</summary>
    public double ReadyRate { get; init; } = 0.98;

    /// <summary>
    /// The advice for the evidence <paramref name="e"/>: "done" at p=reject 100 %, "wait" for too little data, "hold"
    /// below <see cref="ReadyRate"/>, else "advance" with the next policy and pct; the text names the numbers.
    /// </summary>
    public DmarcPolicyAdvice Advise(DmarcPolicyEvidence e)
    {
        var p = e.Policy is "quarantine" or "reject" ? e.Policy : "none";
        var pct = p == "none" ? 100 : Math.Clamp(e.Pct, 1, 100);
        var current = p == "none" ? "p=none" : pct == 100 ? $"p={p}" : $"p={p}; pct={pct}";
        var facts = string.Create(CultureInfo.InvariantCulture,
            $"{current} for {e.DaysObserved} day{(e.DaysObserved == 1 ? "" : "s")}, {e.AlignedRate * 100:0.0}% aligned ({e.Aligned:N0} of {e.Messages:N0} messages)");
        if (p == "reject" && pct == 100) return new DmarcPolicyAdvice("done", null, null, $"{facts}: the strictest policy is in force.");
        if (e.DaysObserved < MinDays || e.Messages < MinMessages)
            return new DmarcPolicyAdvice("wait", null, null,
                $"{facts}: collect at least {MinDays} days and {MinMessages:N0} messages of reports before changing the policy.");
        if (e.AlignedRate < ReadyRate)
            return new DmarcPolicyAdvice("hold", null, null, string.Create(CultureInfo.InvariantCulture,
                $"{facts}: stay at {current} and fix the sources failing alignment first (needs {ReadyRate * 100:0.#}%)."));
        var index = Array.FindIndex(Steps, s => s.P == p && s.Pct >= pct);
        var next = Steps[Math.Min(index + 1, Steps.Length - 1)];
        var record = next.Pct == 100 ? $"p={next.P}" : $"p={next.P}; pct={next.Pct}";
        return new DmarcPolicyAdvice("advance", next.P, next.Pct, $"{facts}: move to {record}.");
    }
}
