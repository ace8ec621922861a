namespace Appliance.Web.Configuration;

/// <summary>
/// Login lockouts and rate limits of the admin UI, bound from "Appliance:Login" (docs/security.md, "Login and
/// lockouts"). Failures are counted per (account, client address) and per client address, in memory.
/// </summary>
public sealed class LoginOptions
{
    public const string Section = "Appliance:Login";

    /// <summary>Failed logins for one account from one client address within <see cref="LockoutWindow"/> before that
    /// pair is locked. 5, as Identity's default MaxFailedAccessAttempts.</summary>
    public int FailureLimit { get; set; } = 5;

    /// <summary>Failed logins from one client address, whatever the account, within <see cref="LockoutWindow"/> before
    /// the address is locked (password spraying over many accounts).</summary>
    public int AddressFailureLimit { get; set; } = 20;

    /// <summary>Sliding window of both counts. 15 minutes, as Identity's default DefaultLockoutTimeSpan.</summary>
    public TimeSpan LockoutWindow { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>Login and two-factor form posts per client address and minute; more get 429 (0 turns the limiter off).</summary>
    public int PostsPerMinute { get; set; } = 10;
}
