using System.Buffers;
using System.IO.Pipelines;
using System.Net;
using System.Net.Sockets;
using System.Security.Authentication;
using Appliance.Mta.Configuration;
using Appliance.Mta.Events;
using Appliance.Mta.Messages;
using Appliance.Mta.Security;
using Appliance.Mta.Smtp.Server.Data;
using Appliance.Mta.Smtp.Server.Protocol;

namespace Appliance.Mta.Smtp.Server;

/// <summary>
/// One inbound SMTP connection (RFC 5321): reads commands from a pipe over the transport stream,
/// runs them against <see cref="SmtpStateTable"/>, and hands accepted messages to the
/// <see cref="IMessageSink"/>. It owns the transport stream and never lets an exception escape:
/// every failure is logged and ends the session. It does not decide where mail goes; the sink does.
/// </summary>
internal sealed partial class SmtpSession : IAsyncDisposable
{
    /// <summary>RFC 5321 §4.5.3.1.4: a command line is at most 512 octets including CRLF.</summary>
    public const int MaxCommandLine = 512;

    /// <summary>RFC 4954 §4: AUTH lines (command with initial response, and responses) up to 12288 octets.</summary>
    public const int MaxAuthLine = 12288;

    private static readonly StreamPipeReaderOptions ReaderOptions = new(bufferSize: 8192, minimumReadSize: 2048, leaveOpen: true);
    private static readonly StreamPipeWriterOptions WriterOptions = new(minimumBufferSize: 4096, leaveOpen: true);

    private readonly SmtpServerContext _ctx;
    private readonly SmtpListenerKind _kind;
    private readonly IPEndPoint _remote;
    private readonly IPAddress _remoteIp;
    /// <summary>The client's address as text, formatted once per connection (policies and envelopes take strings).</summary>
    private readonly string _remoteAddress;
    private readonly bool _refuse;
    private readonly string _sessionId;
    private readonly byte[] _line = new byte[MaxAuthLine + 2];
    private readonly MessageBuffer _message = new();
    private readonly DataContentReader _dataReader = new();
    private readonly ChunkLineChecker _chunkChecker = new();
    private readonly HeaderScan _scan = new();
    private readonly MessageAssembler _assembler = new();
    private readonly List<EnvelopeRecipient> _recipients = [];
    /// <summary>The transaction's recipients were accepted as inbound mail for the appliance.</summary>
    private bool _inbound;
    private readonly CancellationTokenSource _timeoutCts = new();
    private readonly ITimer _timer;

    private Stream _stream;
    private PipeReader _reader = null!;
    private PipeWriter _writer = null!;
    private CancellationToken _stopping;
    private CancellationToken _abort;
    private CancellationToken _commandToken;
    private CancellationToken _ioToken;
    private CancellationTokenSource? _commandCts;
    private CancellationTokenSource? _ioCts;
    private bool _needMore;
    private bool _pendingOutput;
    private bool _closing;
    private int _lineLength;
    private int _argsStart;
    private int _badCommands;
    private bool _inCommandRead;

    private SmtpSessionState _state = SmtpSessionState.Connected;
    private bool _isTls;
    private string? _tlsDescription;
    private string? _helo;
    private bool _esmtp;
    private SmtpCredential? _credential;
    private MailCommand? _mail;
    private bool _chunkFailed;
    /// <summary>This transaction holds one of the client IP's inbound slots (Inbound:MaxConcurrentPerIp).</summary>
    private bool _inboundSlot;
    /// <summary>Bytes this transaction holds in <see cref="SmtpServerContext.SpaceReservations"/>.</summary>
    private long _reservedBytes;
    /// <summary>A reservation for received content was refused: the content is read to its end and answered 452 4.3.1.</summary>
    private bool _spaceRefused;
    private TransferDeadline _transfer;
    private readonly MtaOptions _options;
    private readonly SmtpServerOptions _smtp;
    private WireReply _timeoutReply = SmtpReplies.Timeout;

    public SmtpSession(SmtpServerContext ctx, SmtpListenerKind kind, Stream stream, IPEndPoint remote, bool refuse = false)
    {
        _ctx = ctx;
        _kind = kind;
        _stream = stream;
        _remote = remote;
        _remoteIp = remote.Address.IsIPv4MappedToIPv6 ? remote.Address.MapToIPv4() : remote.Address;
        _refuse = refuse;
        _sessionId = Guid.CreateVersion7().ToString("N")[..16];
        _remoteAddress = _remoteIp.ToString();
        // One settings snapshot for the whole session: a change published meanwhile applies to the next connection.
        var settings = ctx.Settings;
        _options = settings.Options;
        _smtp = settings.Options.Smtp;
        IsRelayHost = settings.RelayHosts.Contains(_remoteIp);
        _message.Configure(_smtp.InMemoryMessageBytes, ctx.SpillDirectory);
        _timer = ctx.Time.CreateTimer(static s => ((SmtpSession)s!).OnTimeout(), this, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
    }

    /// <summary>The client address is in RelayHosts: it may relay without AUTH and AUTH in plaintext.</summary>
    public bool IsRelayHost { get; }

    private bool IsAuthenticated => _credential is not null;

    private ReadOnlySpan<byte> Args => _line.AsSpan(_argsStart, _lineLength - _argsStart);

    /// <summary>Runs the session to its end. <paramref name="stopping"/> asks for a graceful end
    /// between transactions (421 4.3.2); <paramref name="abort"/> ends it at once.</summary>
    public async Task RunAsync(CancellationToken stopping, CancellationToken abort)
    {
        _stopping = stopping;
        _abort = abort;
        _ioCts = CancellationTokenSource.CreateLinkedTokenSource(_timeoutCts.Token, abort);
        _commandCts = CancellationTokenSource.CreateLinkedTokenSource(_timeoutCts.Token, abort, stopping);
        _ioToken = _ioCts.Token;
        _commandToken = _commandCts.Token;
        SmtpServerLog.SessionStarted(_ctx.Logger, _sessionId, _remote, _kind);
        try
        {
            if (_kind == SmtpListenerKind.Smtps && !await UpgradeToTlsAsync().ConfigureAwait(false)) return;
            CreatePipes();
            if (_refuse)
            {
                Reply(SmtpReplies.TooManyConnections);
                return;
            }
            if (_ctx.Draining)
            {
                Reply(SmtpReplies.Draining); // RFC 5321 §3.8: 421 instead of the greeting, then close
                return;
            }
            // RFC 5321 §4.3.1 greeting; RFC 2034 §3: no enhanced code on the greeting.
            WriteText($"220 {_options.Hostname} ESMTP ready\r\n");
            while (!_closing)
            {
                _inCommandRead = true;
                var status = await ReadLineAsync(_commandToken).ConfigureAwait(false);
                _inCommandRead = false;
                if (status == LineStatus.Eof) return;
                if (status == LineStatus.TooLong)
                {
                    Reply(SmtpReplies.LineTooLong);
                    continue;
                }
                await DispatchAsync().ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (!abort.IsCancellationRequested)
        {
            if (_timeoutCts.IsCancellationRequested) Reply(_timeoutReply); // RFC 5321 §4.5.3.2.7
            else if (_inCommandRead && stopping.IsCancellationRequested) Reply(SmtpReplies.ShuttingDown);
        }
        catch (OperationCanceledException)
        {
            // Aborted by the host.
        }
        catch (Exception ex) when (ex is IOException or SocketException or AuthenticationException or ObjectDisposedException)
        {
            SmtpServerLog.TlsFailed(_ctx.Logger, _remote, ex);
        }
        catch (Exception ex)
        {
            SmtpServerLog.SessionFailed(_ctx.Logger, _sessionId, ex);
            if (_writer is not null) Reply(SmtpReplies.LocalError);
        }
        finally
        {
            await CloseAsync().ConfigureAwait(false);
        }
    }

    private void OnTimeout()
    {
        try { _timeoutCts.Cancel(); }
        catch (ObjectDisposedException) { }
    }

    private void ArmTimeout(TimeSpan timeout) => _timer.Change(timeout, Timeout.InfiniteTimeSpan);

    private void CreatePipes()
    {
        _reader = PipeReader.Create(_stream, ReaderOptions);
        _writer = PipeWriter.Create(_stream, WriterOptions);
        _needMore = false;
    }

    private async ValueTask DispatchAsync()
    {
        var line = _line.AsSpan(0, _lineLength);
        var command = SmtpVerbParser.Parse(line, out var args);
        _argsStart = _lineLength - args.Length;
        if (command != SmtpCommand.Auth && _lineLength + 2 > MaxCommandLine)
        {
            Reply(SmtpReplies.LineTooLong); // RFC 5321 §4.5.3.1.4
            return;
        }
        if (command == SmtpCommand.Unknown)
        {
            Reply(SmtpReplies.UnknownCommand);
            return;
        }
        if (command == SmtpCommand.Bdat)
        {
            await BdatAsync().ConfigureAwait(false); // reads its chunk even when refused (RFC 3030 §2)
            return;
        }
        if (!SmtpStateTable.IsAllowed(_state, command))
        {
            Reply(SmtpStateTable.OutOfSequence(_state, command));
            return;
        }
        switch (command)
        {
            case SmtpCommand.Ehlo:
            case SmtpCommand.Helo: Hello(command == SmtpCommand.Ehlo); break;
            case SmtpCommand.Mail: Mail(); break;
            case SmtpCommand.Rcpt: Rcpt(); break;
            case SmtpCommand.Data: await DataAsync().ConfigureAwait(false); break;
            case SmtpCommand.Rset: Rset(); break;
            case SmtpCommand.Noop: Reply(SmtpReplies.NoopOk); break;
            case SmtpCommand.Quit: Reply(SmtpReplies.Bye); _closing = true; break;
            case SmtpCommand.Vrfy: Reply(Args.IsEmpty ? SmtpReplies.SyntaxError : SmtpReplies.VrfyCannot); break;
            case SmtpCommand.Expn: Reply(SmtpReplies.NotImplemented); break;
            case SmtpCommand.Help: Reply(SmtpReplies.Help); break;
            case SmtpCommand.StartTls: await StartTlsAsync().ConfigureAwait(false); break;
            case SmtpCommand.Auth: await AuthAsync().ConfigureAwait(false); break;
        }
    }

    private enum LineStatus
    {
        Ok,
        TooLong,
        Eof,
    }

    /// <summary>
    /// Reads one CRLF- (or, leniently, LF-) terminated line into <see cref="_line"/>. Replies
    /// buffered so far are flushed only when no further input is buffered (RFC 2920 PIPELINING).
    /// </summary>
    private async ValueTask<LineStatus> ReadLineAsync(CancellationToken token)
    {
        // Between BDAT chunks the transaction's transfer deadline still runs.
        if (_transfer.Active) ArmTransferTimeout(_smtp.CommandTimeout);
        else
        {
            _timeoutReply = SmtpReplies.Timeout;
            ArmTimeout(_smtp.CommandTimeout);
        }
        var discarding = false;
        while (true)
        {
            ReadResult result;
            if (_needMore || !_reader.TryRead(out result))
            {
                await FlushAsync().ConfigureAwait(false);
                result = await _reader.ReadAsync(token).ConfigureAwait(false);
            }
            _needMore = false;
            var buffer = result.Buffer;
            var lf = buffer.PositionOf((byte)'\n');
            if (lf is { } position)
            {
                var lineSeq = buffer.Slice(0, position);
                var next = buffer.GetPosition(1, position);
                if (discarding || lineSeq.Length > MaxAuthLine + 1)
                {
                    _reader.AdvanceTo(next);
                    return LineStatus.TooLong;
                }
                lineSeq.CopyTo(_line);
                _lineLength = (int)lineSeq.Length;
                if (_lineLength > 0 && _line[_lineLength - 1] == (byte)'\r') _lineLength--;
                _reader.AdvanceTo(next);
                return LineStatus.Ok;
            }
            if (buffer.Length > MaxAuthLine + 1)
            {
                discarding = true;
                _reader.AdvanceTo(buffer.GetPosition(buffer.Length - 1)); // keep a possible CR
            }
            else
            {
                _reader.AdvanceTo(buffer.Start, buffer.End);
            }
            if (result.IsCompleted || result.IsCanceled) return LineStatus.Eof;
            _needMore = true;
        }
    }

    private void Reply(WireReply reply)
    {
        if (_writer is null) return;
        _writer.Write(reply.Bytes);
        _pendingOutput = true;
        if (reply.IsSyntaxError && ++_badCommands >= _smtp.MaxBadCommands && !_closing)
        {
            _writer.Write(SmtpReplies.TooManyErrors.Bytes);
            _closing = true;
        }
    }

    private void WriteText(string text)
    {
        System.Text.EncodingExtensions.GetBytes(System.Text.Encoding.UTF8, text.AsSpan(), _writer);
        _pendingOutput = true;
    }

    private void Reply(SmtpReply reply) => WriteText(reply.ToWire());

    private async ValueTask FlushAsync()
    {
        if (!_pendingOutput) return;
        _pendingOutput = false;
        await _writer.FlushAsync(_ioToken).ConfigureAwait(false);
    }

    private async ValueTask CloseAsync()
    {
        try
        {
            _timer.Dispose();
            if (_writer is not null && _pendingOutput)
            {
                using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(10));
                await _writer.FlushAsync(cts.Token).ConfigureAwait(false);
            }
        }
        catch (Exception ex) when (ex is IOException or OperationCanceledException or ObjectDisposedException or SocketException or InvalidOperationException)
        {
            // The peer is gone; nothing more to say.
        }
        finally
        {
            await DisposeAsync().ConfigureAwait(false);
            SmtpServerLog.SessionClosed(_ctx.Logger, _sessionId);
        }
    }

    public async ValueTask DisposeAsync()
    {
        _message.Reset();
        ReleaseInboundSlot();
        ReleaseSpace();
        _assembler.Clear();
        try
        {
            if (_reader is not null) await _reader.CompleteAsync().ConfigureAwait(false);
            if (_writer is not null) await _writer.CompleteAsync().ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is IOException or ObjectDisposedException or InvalidOperationException or SocketException)
        {
        }
        try
        {
            await _stream.DisposeAsync().ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is IOException or ObjectDisposedException or SocketException or AuthenticationException)
        {
        }
        _commandCts?.Dispose();
        _ioCts?.Dispose();
        _timeoutCts.Dispose();
    }

    private void WriteRejection(WireReply reply, string detail, string? sender = null, string? recipient = null)
    {
        SmtpServerLog.Rejected(_ctx.Logger, _remoteIp, reply.ToString(), detail);
        _ctx.Events.Write(new MtaEvent
        {
            Type = MtaEventType.Rejection,
            Timestamp = _ctx.Time.GetUtcNow(),
            Tenant = _credential?.TenantId,
            Sender = sender,
            Recipient = recipient,
            RemoteHost = $"{AddedHeaders.AddressLiteral(_remoteIp)}:{_remote.Port}",
            Response = reply.ToString(),
            Code = reply.Code,
            EnhancedCode = reply.Reply.Enhanced?.ToString(),
            Tls = _tlsDescription,
            Detail = detail,
        });
    }
}
