using System.Net.Security;
using System.Security.Cryptography.X509Certificates;

namespace Appliance.Mta.Smtp.Server;

/// <summary>
/// One server certificate with its handshake context (built once, on first use, so that each handshake does not
/// rebuild the chain). Immutable: replacing the certificate swaps the whole slot, so a handshake in progress keeps
/// the one it started with.
/// </summary>
internal sealed class ServerCertificateSlot
{
    private readonly Lazy<SslStreamCertificateContext?> _context;

    public ServerCertificateSlot(X509Certificate2? certificate)
    {
        Certificate = certificate;
        _context = new(() => certificate is null ? null : SslStreamCertificateContext.Create(certificate, additionalCertificates: null, offline: true));
    }

    public X509Certificate2? Certificate { get; }

    public SslStreamCertificateContext? Context => _context.Value;
}
