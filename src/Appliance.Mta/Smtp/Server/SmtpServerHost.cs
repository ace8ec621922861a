using Appliance.Mta.Messages;
using Appliance.Mta.Policy;
using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using Appliance.Mta.Configuration;
using Appliance.Mta.Events;
using Appliance.Mta.Security;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Appliance.Mta.Smtp.Server;

/// <summary>
/// The inbound ESMTP server: binds the relay, submission and smtps listeners, accepts connections,
/// enforces connection limits and runs one <see cref="SmtpSession"/> per connection. It owns sockets
/// and session lifetimes; what happens to accepted mail is the <see cref="IMessageSink"/>'s business.
/// Shutdown is two-phase (as Kestrel): stop accepting and let sessions finish, then abort.
/// </summary>
public sealed class SmtpServerHost : IAsyncDisposable
{
    private readonly SmtpServerContext _ctx;
    private readonly Dictionary<string, IPEndPoint> _endpoints = new(StringComparer.Ordinal);
    private readonly List<(string Name, SmtpListenerKind Kind, Socket Socket)> _listeners = [];
    private readonly ConcurrentDictionary<Task, byte> _sessions = new();
    private readonly List<Task> _acceptLoops = [];
    private readonly CancellationTokenSource _stopping = new();
    private readonly CancellationTokenSource _abort = new();
    private int _stopped;
    private int _disposed;

    /// <summary>A server with fixed settings (tests and tools); the engine passes its <see cref="IMtaSettings"/>.</summary>
    public SmtpServerHost(IOptions<MtaOptions> options, IMessageSink sink, ISmtpCredentialStore credentials, IEventSink events,
        TimeProvider time, ILoggerFactory loggerFactory, X509Certificate2 certificate, IEnumerable<IRecipientPolicy>? recipientPolicies = null)
        : this(new MtaSettings((options ?? throw new ArgumentNullException(nameof(options))).Value), sink, credentials, events, time, loggerFactory, certificate, recipientPolicies)
    {
    }

    /// <summary>
    /// A server that follows <paramref name="settings"/>: each new connection takes the snapshot then in force (relay
    /// hosts, limits, host name), and a new host name gets a new self-signed certificate at once.
    /// </summary>
    public SmtpServerHost(IMtaSettings settings, IMessageSink sink, ISmtpCredentialStore credentials, IEventSink events,
        TimeProvider time, ILoggerFactory loggerFactory, X509Certificate2 certificate, IEnumerable<IRecipientPolicy>? recipientPolicies = null)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(loggerFactory);
        _ctx = new SmtpServerContext(settings, sink, credentials, events, time,
            loggerFactory.CreateLogger("Appliance.Mta.Smtp.Server"), certificate)
        {
            RecipientPolicies = [.. recipientPolicies ?? []],
            MailFromPolicies = [.. (recipientPolicies ?? []).OfType<IMailFromPolicy>()],
            SpaceReservations = (recipientPolicies ?? []).OfType<ISpaceReservations>().FirstOrDefault(),
        };
        _hostnameListener = settings.OnChange(OnSettingsChanged);
    }

    private readonly IDisposable _hostnameListener;

    /// <summary>
    /// RFC 3207 clients that check the name should see the new host name in the certificate: a self-generated
    /// certificate is made anew (and saved) for it; an uploaded or configured certificate is never replaced.
    /// </summary>
    private void OnSettingsChanged(MtaOptions previous, MtaOptions current)
    {
        if (string.Equals(previous.Hostname, current.Hostname, StringComparison.OrdinalIgnoreCase)) return;
        try
        {
            if (ServerCertificate.RenewSelfSignedIfRenamed(current) is not { } certificate) return;
            _ctx.ReplaceCertificate(certificate);
            SmtpServerLog.CertificateRenewed(_ctx.Logger, current.Hostname);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or System.Security.Cryptography.CryptographicException)
        {
            SmtpServerLog.CertificateRenewalFailed(_ctx.Logger, current.Hostname, ex);
        }
    }

    /// <summary>
    /// While true (a draining node), every new connection is answered 421 4.3.2 instead of the greeting and closed;
    /// sessions already open are not cut.
    /// </summary>
    public bool Draining
    {
        get => _ctx.Draining;
        set => _ctx.Draining = value;
    }

    /// <summary>"relay", "submission", "smtps" → the bound endpoint (port 0 resolved).</summary>
    public IReadOnlyDictionary<string, IPEndPoint> Endpoints => _endpoints;

    /// <summary>Connections open now across all listeners (for the gauge and the limits).</summary>
    public int OpenConnections => _ctx.Connections.Total;

    /// <summary>The certificate STARTTLS and smtps present now.</summary>
    public X509Certificate2? Certificate => _ctx.Certificate;

    /// <summary>
    /// Swaps the listeners' certificate without a restart (an uploaded certificate): the next handshake uses it,
    /// sessions already in TLS keep theirs.
    /// </summary>
    public void ReplaceCertificate(X509Certificate2 certificate)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        if (!certificate.HasPrivateKey) throw new ArgumentException("The certificate has no private key.", nameof(certificate));
        _ctx.ReplaceCertificate(certificate);
    }

    /// <summary>Binds every non-empty listener; throws (and releases what was bound) if one fails.</summary>
    public Task StartAsync(CancellationToken ct)
    {
        var smtp = _ctx.Smtp;
        // Large messages stream to {DataDir}/tmp while received; a crash leaves them behind (never acknowledged).
        var leftovers = ContentSpill.DeleteLeftovers(_ctx.SpillDirectory);
        if (leftovers > 0) SmtpServerLog.SpillLeftoversDeleted(_ctx.Logger, leftovers, _ctx.SpillDirectory);
        try
        {
            Bind("relay", SmtpListenerKind.Relay, smtp.Relay);
            Bind("submission", SmtpListenerKind.Submission, smtp.Submission);
            Bind("smtps", SmtpListenerKind.Smtps, smtp.Smtps);
        }
        catch
        {
            foreach (var l in _listeners) l.Socket.Dispose();
            _listeners.Clear();
            _endpoints.Clear();
            throw;
        }
        foreach (var (name, kind, socket) in _listeners)
            _acceptLoops.Add(Task.Run(() => AcceptLoopAsync(name, kind, socket), CancellationToken.None));
        return Task.CompletedTask;
    }

    private void Bind(string name, SmtpListenerKind kind, string? address)
    {
        if (string.IsNullOrWhiteSpace(address)) return;
        if (!IPEndPoint.TryParse(address.Trim(), out var endpoint))
            throw new FormatException($"Invalid SMTP {name} listener address '{address}' (expected ip:port or [ipv6]:port)");
        var socket = new Socket(endpoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            if (endpoint.AddressFamily == AddressFamily.InterNetworkV6 && endpoint.Address.Equals(IPAddress.IPv6Any)) socket.DualMode = true;
            socket.Bind(endpoint);
            socket.Listen(512);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
        var bound = (IPEndPoint)socket.LocalEndPoint!;
        _listeners.Add((name, kind, socket));
        _endpoints[name] = bound;
        SmtpServerLog.ListenerStarted(_ctx.Logger, name, bound);
    }

    private async Task AcceptLoopAsync(string name, SmtpListenerKind kind, Socket listener)
    {
        while (!_stopping.IsCancellationRequested)
        {
            Socket client;
            try
            {
                client = await listener.AcceptAsync(_stopping.Token).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is OperationCanceledException or ObjectDisposedException)
            {
                return;
            }
            catch (SocketException ex)
            {
                SmtpServerLog.AcceptFailed(_ctx.Logger, name, ex);
                continue;
            }
            var task = RunConnectionAsync(kind, client);
            _sessions.TryAdd(task, 0);
            _ = task.ContinueWith(static (t, s) => ((ConcurrentDictionary<Task, byte>)s!).TryRemove(t, out _), _sessions,
                CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        }
    }

    private async Task RunConnectionAsync(SmtpListenerKind kind, Socket client)
    {
        await Task.Yield(); // leave the accept loop at once
        IPEndPoint remote;
        try
        {
            client.NoDelay = true;
            remote = (IPEndPoint)client.RemoteEndPoint!;
        }
        catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
        {
            client.Dispose();
            return;
        }
        var smtp = _ctx.Smtp;
        // Limits are checked before the greeting; a refused client gets 421 4.7.0 and is closed.
        var acquired = _ctx.Connections.TryAcquire(remote.Address, smtp.MaxConnections, smtp.MaxConnectionsPerIp);
        if (!acquired) SmtpServerLog.ConnectionLimited(_ctx.Logger, remote);
        try
        {
            var session = new SmtpSession(_ctx, kind, new NetworkStream(client, ownsSocket: true), remote, refuse: !acquired);
            await session.RunAsync(_stopping.Token, _abort.Token).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            SmtpServerLog.SessionFailed(_ctx.Logger, "-", ex); // RunAsync catches everything; belt and braces
            client.Dispose();
        }
        finally
        {
            if (acquired) _ctx.Connections.Release(remote.Address);
        }
    }

    /// <summary>Stops accepting; idle sessions get 421 4.3.2, busy ones finish until <paramref name="ct"/> fires, then all are aborted.</summary>
    public async Task StopAsync(CancellationToken ct)
    {
        if (Interlocked.Exchange(ref _stopped, 1) == 1) return;
        await _stopping.CancelAsync().ConfigureAwait(false);
        foreach (var l in _listeners) l.Socket.Dispose();
        try
        {
            await Task.WhenAll(_acceptLoops).ConfigureAwait(false);
            await Task.WhenAll(_sessions.Keys).WaitAsync(ct).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            await _abort.CancelAsync().ConfigureAwait(false);
            await Task.WhenAll(_sessions.Keys).ConfigureAwait(false);
        }
    }

    /// <summary>Stops (5 s grace) and releases everything; safe to call more than once.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1) return;
        _hostnameListener.Dispose();
        _ctx.Detach();
        using (var cts = new CancellationTokenSource(TimeSpan.FromSeconds(5)))
            await StopAsync(cts.Token).ConfigureAwait(false);
        await _abort.CancelAsync().ConfigureAwait(false);
        _stopping.Dispose();
        _abort.Dispose();
    }
}
