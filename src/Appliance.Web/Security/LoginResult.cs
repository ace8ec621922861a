namespace Appliance.Web.Security;

/// <summary>What a login step decided; the pages turn it into a redirect or one of two messages.</summary>
public enum LoginResult
{
    Succeeded,

    /// <summary>Password right; the second factor is next.</summary>
    RequiresTwoFactor,

    /// <summary>Wrong e-mail, password or code. Same answer whether or not the account exists.</summary>
    Invalid,

    /// <summary>Too many failures for this account from this address (or from this address): refused unchecked.
    /// Reached the same way for unknown accounts, so it tells nothing about which accounts exist.</summary>
    Throttled,

    /// <summary>The password was right but Identity has the account locked (disabled by an administrator, or
    /// locked by failed two-factor codes). Only someone who knows the password sees it.</summary>
    AccountLocked,
}
