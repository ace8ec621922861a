using System.Security.Cryptography.X509Certificates;

namespace Appliance.Web.Services.Tls;

/// <summary>The certificate the SMTP listeners present now (null before the engine has started them).</summary>
public interface IListenerCertificateSource
{
    /// <summary>The certificate STARTTLS and smtps present now; null before the listeners are bound.</summary>
    X509Certificate2? Certificate { get; }
}
