using System.Net;
using Appliance.Web.Data;
using Microsoft.AspNetCore.Identity;

namespace Appliance.Web.Security;

/// <summary>
/// The UI login steps (password, then the second factor) behind <see cref="LoginAttemptGate"/>: each attempt takes its
/// place in the failure counts before the secret is checked, so parallel posts cannot check more guesses than the
/// limit. Identity's own failure lockout is not used for passwords (it counts per account, so anyone could lock the
/// administrator out); an unknown account costs one hash of a dummy password, like a known one.
/// </summary>
public sealed class LoginService(
    SignInManager<ApplianceUser> signIn,
    LoginAttemptGate gate,
    IPasswordHasher<ApplianceUser> hasher,
    ILogger<LoginService> logger)
{
    private static readonly ApplianceUser DummyUser = new() { UserName = "dummy" };
    private static string? s_dummyHash;

    public TimeSpan LockoutWindow => gate.LockoutWindow;

    public async Task<LoginResult> PasswordAsync(string email, string password, IPAddress? address)
    {
        var users = signIn.UserManager;
        var name = email.Trim();
        var account = users.NormalizeName(name) ?? name;
        var from = address?.ToString() ?? "unknown";
        if (gate.TryBegin(account, address) is not { } attempt)
        {
            LoginLog.Throttled(logger, name, from);
            return LoginResult.Throttled;
        }
        try
        {
            var user = await users.FindByNameAsync(name);
            var passwordOk = user is null ? VerifyDummy(password) : await users.CheckPasswordAsync(user, password);
            if (user is null || !passwordOk)
            {
                attempt.Fail();
                LoginLog.Failed(logger, name, from);
                return gate.IsLocked(account, address) ? LoginResult.Throttled : LoginResult.Invalid;
            }
            // Checks lockout and sign-in rules, then issues the cookie or the two-factor step.
            var result = await signIn.PasswordSignInAsync(user, password, isPersistent: false, lockoutOnFailure: false);
            if (result.Succeeded || result.RequiresTwoFactor)
            {
                attempt.Succeed();
                if (result.Succeeded) LoginLog.LoggedIn(logger, name, from);
                return result.Succeeded ? LoginResult.Succeeded : LoginResult.RequiresTwoFactor;
            }
            attempt.Release();
            if (result.IsLockedOut)
            {
                LoginLog.AccountLocked(logger, name, from);
                return LoginResult.AccountLocked;
            }
            return LoginResult.Invalid;
        }
        finally
        {
            attempt.Release(); // no-op once decided; gives the place back if something threw
        }
    }

    /// <summary>
    /// The second step: a 6-digit authenticator code or a recovery code, for the user named by Identity's two-factor
    /// cookie. Counted per (user, address) under its own key; Identity also counts wrong codes towards its account
    /// lockout, which only someone who knows the password can trigger.
    /// </summary>
    public async Task<LoginResult> TwoFactorAsync(string input, IPAddress? address)
    {
        if (await signIn.GetTwoFactorAuthenticationUserAsync() is not { } user) return LoginResult.Invalid;
        var from = address?.ToString() ?? "unknown";
        if (gate.TryBegin("2fa:" + user.Id, address) is not { } attempt)
        {
            LoginLog.Throttled(logger, user.UserName ?? user.Id, from);
            return LoginResult.Throttled;
        }
        try
        {
            var code = input.Replace(" ", "", StringComparison.Ordinal).Replace("-", "", StringComparison.Ordinal);
            var result = code.Length == 6 && code.All(char.IsAsciiDigit)
                ? await signIn.TwoFactorAuthenticatorSignInAsync(code, isPersistent: false, rememberClient: false)
                : await signIn.TwoFactorRecoveryCodeSignInAsync(input.Trim());
            if (result.Succeeded)
            {
                attempt.Succeed();
                LoginLog.LoggedIn(logger, user.UserName ?? user.Id, from);
                return LoginResult.Succeeded;
            }
            attempt.Fail();
            LoginLog.TwoFactorFailed(logger, user.Id, from);
            if (result.IsLockedOut) return LoginResult.AccountLocked;
            return gate.IsLocked("2fa:" + user.Id, address) ? LoginResult.Throttled : LoginResult.Invalid;
        }
        finally
        {
            attempt.Release();
        }
    }

    /// <summary>Same cost as checking a real password, so response times do not tell which accounts exist.</summary>
    private bool VerifyDummy(string password)
    {
        var hash = s_dummyHash ??= hasher.HashPassword(DummyUser, Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(18)));
        _ = hasher.VerifyHashedPassword(DummyUser, hash, password);
        return false;
    }
}
