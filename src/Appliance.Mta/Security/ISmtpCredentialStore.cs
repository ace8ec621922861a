namespace Appliance.Mta.Security;

/// <summary>Looks up SMTP credentials by username. The host implements it over its database.</summary>
public interface ISmtpCredentialStore
{
    ValueTask<SmtpCredential?> FindAsync(string username, CancellationToken cancellationToken);
}
