namespace Appliance.Web.Security;

/// <summary>The texts the login pages show for a refused step: the same for existing and unknown accounts.</summary>
public static class LoginMessages
{
    public const string Invalid = "Invalid e-mail or password.";

    public const string AccountLocked = "This account is locked. Try again later or ask an administrator.";

    public static string Throttled(TimeSpan window) =>
        $"Login is locked after too many failed attempts from your address. Try again in {Math.Max(1, (int)Math.Ceiling(window.TotalMinutes))} minutes.";

    public static string For(LoginResult result, TimeSpan window) => result switch
    {
        LoginResult.Throttled => Throttled(window),
        LoginResult.AccountLocked => AccountLocked,
        _ => Invalid,
    };
}
