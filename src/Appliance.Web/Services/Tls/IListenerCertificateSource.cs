using System.Security.Cryptography.X509Certificates;

namespace Appliance.Web.Services.Tls;

/// <summary>The certificate the SMTP listeners present now (null before the engine has started them).</summary>
public interface IListenerCertificateSource
{
    X509Certificate2? Certificate { get; }
}
