using System.Security.Cryptography.X509Certificates;

namespace Appliance.Mta.Hosting;

/// <summary>
/// The running SMTP listeners' certificate, for the host (an uploaded certificate, a hostname change that renews a
/// self-signed one): read and swapped without a restart. Implemented by the engine's hosted service.
/// </summary>
public interface IListenerCertificate
{
    /// <summary>The certificate the listeners present; null while they are not running.</summary>
    X509Certificate2? Current { get; }

    /// <summary>Swaps the certificate of the running listeners (RFC 3207 STARTTLS and implicit TLS); new handshakes use it.
    /// Returns false, changing nothing, while the listeners are not running.</summary>
    bool Replace(X509Certificate2 certificate);
}
