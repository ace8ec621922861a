using System.Buffers;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Text;

namespace Appliance.Mta.Smtp.Client;

/// <summary>
/// One outbound SMTP connection (RFC 5321 client side): connect, greeting, EHLO, STARTTLS, AUTH
/// (<c>SmtpClientConnection.Connect.cs</c>), then any number of transactions over it
/// (<c>SmtpClientConnection.Transaction.cs</c>) sending the spooled bytes unchanged apart from dot-stuffing.
/// It reports per-recipient replies and never retries or picks hosts: that is the delivery orchestrator's job.
/// Not thread-safe: one transaction at a time.
/// </summary>
public sealed partial class SmtpClientConnection : IAsyncDisposable
{
    private const int ContentChunkSize = 64 * 1024;

    private readonly Socket _socket;
    private readonly SmtpReplyReader _reader;
    private readonly ArrayBufferWriter<byte> _out = new(1024);
    private readonly ClientTimeouts _timeouts;
    // One timer-backed source per connection: armed before each read/write, disarmed after (RFC 5321 §4.5.3.2).
    private readonly CancellationTokenSource _timeout;
    private Stream _stream;
    private bool _broken;
    private bool _closed;
    private bool _needsRset;
    private OutboundMessage? _carried;

    private SmtpClientConnection(Socket socket, ConnectRequest request)
    {
        _socket = socket;
        _stream = new NetworkStream(socket, ownsSocket: true);
        _reader = new SmtpReplyReader(_stream);
        _timeouts = request.Timeouts;
        _timeout = new CancellationTokenSource(Timeout.InfiniteTimeSpan, request.Time ?? TimeProvider.System);
        RemoteHostName = request.RemoteHostName;
        RemoteDescription = $"{request.RemoteHostName} [{request.Remote.Address}]:{request.Remote.Port}";
    }

    /// <summary>False after a 421, a protocol error, a timeout, a broken link, QUIT or disposal.</summary>
    public bool IsUsable => !_broken && !_closed;

    /// <summary>"TLSv1.3 TLS_AES_256_GCM_SHA384", or null for plaintext.</summary>
    public string? TlsDescription { get; private set; }

    /// <summary>"mx.example.com [127.0.0.2]:2525".</summary>
    public string RemoteDescription { get; }

    /// <summary>The host name connected to (the MX name), e.g. for TLS-RPT's receiving-mx-hostname.</summary>
    public string RemoteHostName { get; }

    /// <summary>Transactions started on this connection (MAIL sent), whatever their outcome.</summary>
    public int MessagesSent { get; private set; }

    /// <summary>
    /// The transaction whose command group went out behind the last message's final dot (RFC 2920 §3.1) and whose
    /// replies are still unread; null when none. See <see cref="SendAsync(OutboundMessage, OutboundMessage?, CancellationToken)"/>.
    /// </summary>
    public OutboundMessage? Carried => _carried;

    /// <summary>The peer's 220 greeting.</summary>
    public SmtpReply? Greeting { get; private set; }

    /// <summary>What the peer offered in its last EHLO (after STARTTLS, the post-TLS list).</summary>
    public EhloCapabilities Capabilities { get; private set; } = EhloCapabilities.None;

    /// <summary>Sends QUIT and waits briefly for 221; errors are ignored. The connection is then closed.</summary>
    public async Task QuitAsync(CancellationToken ct)
    {
        // A carried group leaves the peer waiting for content: close without QUIT, which it would take as content
        // (no final dot follows, so the peer discards that transaction, RFC 5321 §4.1.1.4).
        if (IsUsable && _carried is null)
        {
            using var reg = ct.UnsafeRegister(static s => ((CancellationTokenSource)s!).Cancel(), _timeout);
            try
            {
                Append("QUIT\r\n");
                await FlushCommandsAsync(_timeouts.Command).ConfigureAwait(false);
                await ReadReplyAsync(_timeouts.Command).ConfigureAwait(false);
            }
            catch (Exception e) when (IsLinkFailure(e))
            {
                // RFC 5321 §4.1.1.10: the peer may close first; nothing is lost either way.
            }
        }
        await DisposeAsync().ConfigureAwait(false);
    }

    /// <summary>
    /// Closes the connection without QUIT (the link may be broken); safe to call more than once. Use the QUIT path to
    /// close politely.
    /// </summary>
    public async ValueTask DisposeAsync()
    {
        if (_closed) return;
        _closed = true;
        try { await _stream.DisposeAsync().ConfigureAwait(false); }
        catch (Exception e) when (IsLinkFailure(e)) { }
        _socket.Dispose();
        _reader.Dispose();
        _timeout.Dispose();
    }

    private CancellationToken Arm(TimeSpan timeout)
    {
        _timeout.CancelAfter(timeout);
        return _timeout.Token;
    }

    private void Disarm() => _timeout.CancelAfter(Timeout.InfiniteTimeSpan);

    private async ValueTask<SmtpReply> ReadReplyAsync(TimeSpan timeout)
    {
        var reply = await _reader.ReadAsync(Arm(timeout)).ConfigureAwait(false);
        Disarm();
        return reply;
    }

    private void Append(string text)
    {
        var span = _out.GetSpan(Encoding.UTF8.GetMaxByteCount(text.Length));
        _out.Advance(Encoding.UTF8.GetBytes(text, span));
    }

    /// <summary>Writes every command appended so far in one write (one TCP segment for a pipelined group).</summary>
    private async ValueTask FlushCommandsAsync(TimeSpan timeout)
    {
        await _stream.WriteAsync(_out.WrittenMemory, Arm(timeout)).ConfigureAwait(false);
        await _stream.FlushAsync(_timeout.Token).ConfigureAwait(false);
        Disarm();
        _out.ResetWrittenCount();
    }

    /// <summary>
    /// Writes the dot-stuffed content and its final dot, then any commands appended meanwhile (a carried group,
    /// RFC 2920 §3.1), in the same write as the last chunk when they fit in it.
    /// </summary>
    private async ValueTask WriteContentAsync(ReadOnlyMemory<byte> content)
    {
        var chunk = ArrayPool<byte>.Shared.Rent(ContentChunkSize);
        try
        {
            var encoder = new DotStuffingEncoder();
            var trailer = _out.WrittenCount;
            int n;
            while ((n = encoder.Encode(content.Span, chunk)) > 0)
            {
                if (encoder.IsCompleted && trailer > 0 && chunk.Length - n >= trailer)
                {
                    _out.WrittenSpan.CopyTo(chunk.AsSpan(n));
                    n += trailer;
                    trailer = 0;
                }
                // RFC 5321 §4.5.3.2.5: the data-block timeout applies to each write.
                await _stream.WriteAsync(chunk.AsMemory(0, n), Arm(_timeouts.DataBlock)).ConfigureAwait(false);
            }
            if (trailer > 0) await _stream.WriteAsync(_out.WrittenMemory, Arm(_timeouts.DataBlock)).ConfigureAwait(false);
            _out.ResetWrittenCount();
            await _stream.FlushAsync(_timeout.Token).ConfigureAwait(false);
            Disarm();
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(chunk);
        }
    }

    private static bool IsLinkFailure(Exception e) =>
        e is IOException or SocketException or OperationCanceledException or SmtpProtocolException
            or ObjectDisposedException or AuthenticationException;

    private static string Describe(SslStream ssl)
    {
        var protocol = ssl.SslProtocol switch
        {
            SslProtocols.Tls13 => "TLSv1.3",
            SslProtocols.Tls12 => "TLSv1.2",
            var other => other.ToString(),
        };
        return $"{protocol} {ssl.NegotiatedCipherSuite}";
    }
}
