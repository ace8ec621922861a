using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using Appliance.Mta.Telemetry;

namespace Appliance.Mta.Smtp.Client;

public sealed partial class SmtpClientConnection
{
    /// <summary>
    /// Opens a connection ready for transactions: TCP connect (from <see cref="ConnectRequest.LocalAddress"/> if set),
    /// 220 greeting, EHLO (HELO if EHLO gets a 5xx), STARTTLS per <see cref="ConnectRequest.Tls"/> and EHLO again,
    /// then AUTH (PLAIN, else LOGIN) when credentials are given and the link is encrypted.
    /// </summary>
    /// <remarks>
    /// Network failures become a transient 421 4.4.1 (connect) or 421 4.4.2 (later). A 5xx greeting or HELO is
    /// permanent. Opportunistic TLS whose handshake fails is retried once in plaintext (as Postfix's "may" level).
    /// A failed AUTH is reported transient (454 4.7.0 wrapping the peer's reply): a wrong route password is a
    /// configuration error that must not bounce mail. Throws only <see cref="OperationCanceledException"/> for <paramref name="ct"/>.
    /// </remarks>
    public static async Task<ConnectOutcome> ConnectAsync(ConnectRequest request, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        var (outcome, retryPlain) = await ConnectOnceAsync(request, ct).ConfigureAwait(false);
        if (retryPlain) (outcome, _) = await ConnectOnceAsync(request with { Tls = TlsMode.Disabled }, ct).ConfigureAwait(false);
        return outcome;
    }

    private static async Task<(ConnectOutcome Outcome, bool RetryPlain)> ConnectOnceAsync(ConnectRequest request, CancellationToken ct)
    {
        var socket = new Socket(request.Remote.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            if (request.LocalAddress is { } local) socket.Bind(new IPEndPoint(local, 0));
            using var connectCts = CancellationTokenSource.CreateLinkedTokenSource(ct);
            connectCts.CancelAfter(request.Timeouts.Connect);
            await socket.ConnectAsync(request.Remote, connectCts.Token).ConfigureAwait(false);
        }
        catch (Exception e) when (e is SocketException or OperationCanceledException && !ct.IsCancellationRequested)
        {
            socket.Dispose();
            var what = e is OperationCanceledException ? "timed out" : ((SocketException)e).SocketErrorCode.ToString();
            return (ConnectOutcome.Failed(new SmtpReply(421, "4.4.1", $"Connection to {request.RemoteHostName} [{request.Remote}] failed: {what}"), false), false);
        }
        catch
        {
            socket.Dispose();
            throw;
        }

        var connection = new SmtpClientConnection(socket, request);
        using var reg = ct.UnsafeRegister(static s => ((CancellationTokenSource)s!).Cancel(), connection._timeout);
        var stage = "greeting";
        try
        {
            var outcome = await connection.HandshakeAsync(request, s => stage = s).ConfigureAwait(false);
            if (outcome is not null)
            {
                await connection.AbandonAsync(politely: outcome.Failure is { Code: not 421 }).ConfigureAwait(false);
                return (outcome, false);
            }
            return (ConnectOutcome.Success(connection), false);
        }
        catch (Exception e) when (IsLinkFailure(e))
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            ct.ThrowIfCancellationRequested();
            var retryPlain = stage == "starttls-handshake" && request.Tls == TlsMode.Opportunistic;
            var why = e is OperationCanceledException ? "timeout" : e.Message;
            var code = e is AuthenticationException ? "4.7.5" : "4.4.2";
            if (e is AuthenticationException || stage == "starttls-handshake") EngineCounters.TlsFailed("outbound");
            return (ConnectOutcome.Failed(new SmtpReply(421, code, $"{connection.RemoteDescription}: {why} during {stage}"), false), retryPlain);
        }
    }

    /// <returns>Null when ready; else the failure to report.</returns>
    private async Task<ConnectOutcome?> HandshakeAsync(ConnectRequest request, Action<string> stage)
    {
        if (request.Tls == TlsMode.Implicit)
        {
            stage("tls-handshake");
            await StartTlsAsync(request, validate: true).ConfigureAwait(false);
        }
        stage("greeting");
        var greeting = await ReadReplyAsync(_timeouts.Greeting).ConfigureAwait(false);
        Greeting = greeting;
        // RFC 5321 §3.1/§4.3.2: 220 is the only success; 554 (any 5xx) means no service here, 4xx try later.
        if (greeting.Code != 220) return Refused(greeting);

        stage("ehlo");
        var ehlo = await HelloAsync(request.EhloName).ConfigureAwait(false);
        if (ehlo is not null) return ehlo;

        var wantTls = request.Tls switch
        {
            TlsMode.Opportunistic => Capabilities.StartTls,
            TlsMode.Required => true,
            _ => false,
        };
        if (wantTls)
        {
            // RFC 3207 §4: STARTTLS only when offered; Required without it is a transient failure (RFC 5248 X.7.10).
            if (!Capabilities.StartTls)
                return ConnectOutcome.Failed(new SmtpReply(451, "4.7.10", $"{RemoteDescription} does not offer STARTTLS but TLS is required"), false);
            stage("starttls");
            Append("STARTTLS\r\n");
            await FlushCommandsAsync(_timeouts.Command).ConfigureAwait(false);
            var reply = await ReadReplyAsync(_timeouts.Command).ConfigureAwait(false);
            if (reply.Code == 220)
            {
                // RFC 3207 §5 / CVE-2011-0411: bytes after the 220 were not protected; refuse to go on.
                if (_reader.Buffered > 0) throw new SmtpProtocolException("Data after the STARTTLS 220 reply");
                stage("starttls-handshake");
                await StartTlsAsync(request, validate: request.Tls == TlsMode.Required).ConfigureAwait(false);
                // RFC 3207 §4.2: forget everything learnt before TLS and ask again.
                stage("ehlo");
                var again = await HelloAsync(request.EhloName).ConfigureAwait(false);
                if (again is not null) return again;
            }
            else if (reply.Code == 421 || request.Tls == TlsMode.Required)
            {
                return ConnectOutcome.Failed(reply.IsTransient ? reply : new SmtpReply(451, "4.7.10", $"STARTTLS refused: {reply}"), false);
            }
        }

        if (request.Username is not null && Capabilities.AuthMechanisms.Count > 0)
        {
            stage("auth");
            return await AuthenticateAsync(request).ConfigureAwait(false);
        }
        return null;
    }

    private async Task<ConnectOutcome?> HelloAsync(string ehloName)
    {
        Append($"EHLO {ehloName}\r\n");
        await FlushCommandsAsync(_timeouts.Command).ConfigureAwait(false);
        var reply = await ReadReplyAsync(_timeouts.Command).ConfigureAwait(false);
        if (reply.Code == 250)
        {
            Capabilities = EhloCapabilities.Parse(reply);
            return null;
        }
        // RFC 5321 §4.1.4: a server that does not know EHLO answers 5xx; fall back to HELO (RFC 821).
        if (reply.Code is >= 500 and < 600)
        {
            Append($"HELO {ehloName}\r\n");
            await FlushCommandsAsync(_timeouts.Command).ConfigureAwait(false);
            reply = await ReadReplyAsync(_timeouts.Command).ConfigureAwait(false);
            if (reply.Code == 250)
            {
                Capabilities = EhloCapabilities.None;
                return null;
            }
        }
        return Refused(reply);
    }

    private async Task<ConnectOutcome?> AuthenticateAsync(ConnectRequest request)
    {
        var loopback = IPAddress.IsLoopback(request.Remote.Address);
        if (TlsDescription is null && !request.AllowPlaintextAuth && !loopback)
            return ConnectOutcome.Failed(new SmtpReply(454, "4.7.0", $"Refusing to send credentials to {RemoteDescription} without TLS"), false);
        var user = request.Username!;
        var password = request.Password ?? string.Empty;
        SmtpReply reply;
        // RFC 4954 §4 with RFC 4616 PLAIN preferred (one round trip), else LOGIN.
        if (Capabilities.AuthMechanisms.Contains("PLAIN"))
        {
            Append($"AUTH PLAIN {Convert.ToBase64String(Encoding.UTF8.GetBytes($"\0{user}\0{password}"))}\r\n");
            await FlushCommandsAsync(_timeouts.Command).ConfigureAwait(false);
            reply = await ReadReplyAsync(_timeouts.Command).ConfigureAwait(false);
        }
        else if (Capabilities.AuthMechanisms.Contains("LOGIN"))
        {
            reply = await ExchangeAsync("AUTH LOGIN\r\n").ConfigureAwait(false);
            if (reply.Code == 334) reply = await ExchangeAsync(Convert.ToBase64String(Encoding.UTF8.GetBytes(user)) + "\r\n").ConfigureAwait(false);
            if (reply.Code == 334) reply = await ExchangeAsync(Convert.ToBase64String(Encoding.UTF8.GetBytes(password)) + "\r\n").ConfigureAwait(false);
        }
        else
        {
            return null; // No mechanism we speak: try unauthenticated; the peer decides at MAIL/RCPT.
        }
        if (reply.Code == 235) return null;
        var failure = reply.IsTransient ? reply : new SmtpReply(454, new EnhancedStatusCode(4, 7, 0), [$"AUTH failed at {RemoteDescription}: {reply}"]);
        return ConnectOutcome.Failed(failure, false);
    }

    private async Task<SmtpReply> ExchangeAsync(string line)
    {
        Append(line);
        await FlushCommandsAsync(_timeouts.Command).ConfigureAwait(false);
        return await ReadReplyAsync(_timeouts.Command).ConfigureAwait(false);
    }

    /// <summary>Opportunistic TLS: the request's validator (MTA-STS testing mode) sees the certificate, its answer is ignored.</summary>
    private static RemoteCertificateValidationCallback ObserveOnly(RemoteCertificateValidationCallback? observer) =>
        observer is null ? static (_, _, _, _) => true : (sender, certificate, chain, errors) => { observer(sender, certificate, chain, errors); return true; };

    private async Task StartTlsAsync(ConnectRequest request, bool validate)
    {
        var ssl = new SslStream(_stream, leaveInnerStreamOpen: false);
        var options = new SslClientAuthenticationOptions
        {
            // RFC 6066 §3: SNI carries a host name, never an address literal.
            TargetHost = IPAddress.TryParse(request.RemoteHostName, out _) ? string.Empty : request.RemoteHostName,
            EnabledSslProtocols = SslProtocols.Tls12 | SslProtocols.Tls13,
            CertificateRevocationCheckMode = X509RevocationMode.NoCheck,
            // RFC 7435: opportunistic TLS accepts any certificate; Required/Implicit validate chain and name.
            RemoteCertificateValidationCallback = validate ? request.CertificateValidator : ObserveOnly(request.CertificateValidator),
        };
        await ssl.AuthenticateAsClientAsync(options, Arm(_timeouts.Command)).ConfigureAwait(false);
        Disarm();
        _stream = ssl;
        _reader.Stream = ssl;
        TlsDescription = Describe(ssl);
    }

    private ConnectOutcome Refused(SmtpReply reply) =>
        ConnectOutcome.Failed(reply, permanent: reply.Code is >= 500 and < 600);

    /// <summary>Ends a connection that failed its handshake; RFC 5321 §3.1 asks for QUIT after a refusal.</summary>
    private async Task AbandonAsync(bool politely)
    {
        if (politely)
        {
            try
            {
                Append("QUIT\r\n");
                await FlushCommandsAsync(_timeouts.Command).ConfigureAwait(false);
            }
            catch (Exception e) when (IsLinkFailure(e)) { }
        }
        await DisposeAsync().ConfigureAwait(false);
    }
}
