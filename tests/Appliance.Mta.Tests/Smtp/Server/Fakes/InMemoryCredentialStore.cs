using Appliance.Mta.Security;

namespace Appliance.Mta.Tests.Smtp.Server.Fakes;

/// <summary>Credentials in a dictionary; few PBKDF2 iterations keep tests fast.</summary>
public sealed class InMemoryCredentialStore : ISmtpCredentialStore
{
    private readonly Dictionary<string, SmtpCredential> _users = new(StringComparer.Ordinal);

    public InMemoryCredentialStore Add(string username, string password, string tenant, string? stream = null, int iterations = 64, bool handover = false)
    {
        _users[username] = new SmtpCredential(username, tenant, ScramSecret.Create(password, iterations), stream, handover);
        return this;
    }

    public ValueTask<SmtpCredential?> FindAsync(string username, CancellationToken cancellationToken) =>
        ValueTask.FromResult(_users.TryGetValue(username, out var c) ? c : null);
}
