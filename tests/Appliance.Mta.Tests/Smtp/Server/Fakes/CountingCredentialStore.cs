using Appliance.Mta.Security;

namespace Appliance.Mta.Tests.Smtp.Server.Fakes;

/// <summary>
/// Wraps a credential store, counts lookups (each password check starts with one) and answers after a delay, as a
/// database would: the delay widens any window between a lockout check and the failure count.
/// </summary>
public sealed class CountingCredentialStore(ISmtpCredentialStore inner, TimeSpan delay) : ISmtpCredentialStore
{
    private int _lookups;

    public int Lookups => Volatile.Read(ref _lookups);

    public async ValueTask<SmtpCredential?> FindAsync(string username, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _lookups);
        await Task.Delay(delay, cancellationToken);
        return await inner.FindAsync(username, cancellationToken);
    }
}
