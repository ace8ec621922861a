namespace Appliance.Web.Security;

/// <summary>Log lines of the UI login (event ids 5100–5104, docs/telemetry.md); never the password or the code.</summary>
internal static partial class LoginLog
{
    [LoggerMessage(5100, LogLevel.Information, "Login: {Account} logged in from {Address}")]
    public static partial void LoggedIn(ILogger logger, string account, string address);

    [LoggerMessage(5101, LogLevel.Information, "Login: wrong password or unknown account {Account} from {Address}")]
    public static partial void Failed(ILogger logger, string account, string address);

    [LoggerMessage(5102, LogLevel.Warning, "Login: {Account} from {Address} refused unchecked: too many failures in the lockout window")]
    public static partial void Throttled(ILogger logger, string account, string address);

    [LoggerMessage(5103, LogLevel.Warning, "Login: {Account} gave the right password from {Address} but the account is locked")]
    public static partial void AccountLocked(ILogger logger, string account, string address);

    [LoggerMessage(5104, LogLevel.Information, "Login: wrong two-factor code for user {UserId} from {Address}")]
    public static partial void TwoFactorFailed(ILogger logger, string userId, string address);
}
