using System.Net.Security;
using System.Security.Authentication;
using Appliance.Mta.Smtp.Server.Protocol;
using Appliance.Mta.Telemetry;

namespace Appliance.Mta.Smtp.Server;

/// <summary>TLS: STARTTLS (RFC 3207) and implicit TLS on the smtps listener (RFC 8314 §3.3).</summary>
internal sealed partial class SmtpSession
{
    private async ValueTask StartTlsAsync()
    {
        if (!Args.IsEmpty)
        {
            Reply(SmtpReplies.NoArgsAllowed);
            return;
        }
        if (_isTls)
        {
            Reply(SmtpReplies.AlreadyTls);
            return;
        }
        if (_ctx.Certificate is null)
        {
            Reply(SmtpReplies.TlsUnavailable);
            return;
        }
        Reply(SmtpReplies.ReadyForTls);
        await FlushAsync().ConfigureAwait(false);
        // RFC 3207 §4.2 and the STARTTLS command-injection defence (CVE-2011-0411): any plaintext the
        // client pipelined after STARTTLS is discarded with the reader, never executed under TLS.
        await _reader.CompleteAsync().ConfigureAwait(false);
        await _writer.CompleteAsync().ConfigureAwait(false);
        _reader = null!;
        _writer = null!;
        if (!await UpgradeToTlsAsync().ConfigureAwait(false))
        {
            _closing = true;
            return;
        }
        CreatePipes();
        // RFC 3207 §4.2: forget everything learnt before TLS; the client must EHLO again.
        ResetTransaction();
        _helo = null;
        _esmtp = false;
        _credential = null;
        _state = SmtpSessionState.Connected;
    }

    /// <summary>Server handshake with TLS 1.2 or 1.3 only (RFC 8996 deprecates older versions).</summary>
    private async ValueTask<bool> UpgradeToTlsAsync()
    {
        if (_ctx.CertificateContext is not { } certificate) return false;
        var ssl = new SslStream(_stream, leaveInnerStreamOpen: false);
        var options = new SslServerAuthenticationOptions
        {
            ServerCertificateContext = certificate,
            EnabledSslProtocols = SslProtocols.Tls12 | SslProtocols.Tls13,
            ClientCertificateRequired = false,
            CertificateRevocationCheckMode = System.Security.Cryptography.X509Certificates.X509RevocationMode.NoCheck,
        };
        ArmTimeout(_ctx.Smtp.CommandTimeout);
        try
        {
            await ssl.AuthenticateAsServerAsync(options, _ioToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is AuthenticationException or IOException)
        {
            SmtpServerLog.TlsFailed(_ctx.Logger, _remote, ex);
            EngineCounters.TlsFailed("inbound");
            _stream = ssl;
            return false;
        }
        _stream = ssl;
        _isTls = true;
        var protocol = ssl.SslProtocol switch
        {
            SslProtocols.Tls13 => "TLSv1.3",
            SslProtocols.Tls12 => "TLSv1.2",
            var p => p.ToString(),
        };
        _tlsDescription = $"{protocol} with cipher {ssl.NegotiatedCipherSuite}";
        return true;
    }
}
