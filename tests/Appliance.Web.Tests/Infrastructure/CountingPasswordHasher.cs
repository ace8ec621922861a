using Appliance.Web.Data;
using Microsoft.AspNetCore.Identity;

namespace Appliance.Web.Tests.Infrastructure;

/// <summary>Identity's hasher, counting password checks: how many guesses the host actually evaluated.</summary>
public sealed class CountingPasswordHasher : IPasswordHasher<ApplianceUser>
{
    private readonly PasswordHasher<ApplianceUser> _inner = new();
    private int _verifications;

    public int Verifications => Volatile.Read(ref _verifications);

    public string HashPassword(ApplianceUser user, string password) => _inner.HashPassword(user, password);

    public PasswordVerificationResult VerifyHashedPassword(ApplianceUser user, string hashedPassword, string providedPassword)
    {
        Interlocked.Increment(ref _verifications);
        return _inner.VerifyHashedPassword(user, hashedPassword, providedPassword);
    }
}
