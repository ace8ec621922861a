namespace Appliance.Mta.Security;

/// <summary>Looks up SMTP credentials by username. The host implements it over its database.</summary>
public interface ISmtpCredentialStore
{
    /// <summary>The credential of <paramref name="username"/>, or null when there is none.</summary>
    ValueTask<SmtpCredential?> FindAsync(string username, CancellationToken cancellationToken);
}
