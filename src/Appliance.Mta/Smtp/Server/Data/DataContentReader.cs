using System.Buffers;

namespace Appliance.Mta.Smtp.Server.Data;

/// <summary>
/// Reads DATA content (RFC 5321 §4.1.1.4) line by line from pipe buffers: removes dot-stuffing
/// (§4.5.2), finds the end "CRLF . CRLF", and copies content into a <see cref="MessageBuffer"/>
/// without allocating per line.
/// <para>
/// SMTP smuggling defence (SEC Consult advisory, December 2023; CVE-2023-51764/51765/51766):
/// only CRLF ends a line (RFC 5321 §2.3.8), and the end of data is recognised only as a line
/// consisting of "." CRLF that follows a CRLF-terminated line. "\n.\n", "\n.\r\n" and "\r.\r\n"
/// never end the message. A message holding a bare LF or bare CR is <b>rejected</b> (550 5.6.11),
/// not normalised: normalising would let an attacker's hidden second message reach a next hop that
/// parses line ends differently. The content is still read to the real end so the session stays in sync.
/// </para>
/// <para>
/// Long lines: RFC 5321 §4.5.3.1.6 caps a text line at 1000 octets including CRLF. We reject such a
/// message (554 5.6.0) after reading it to the end rather than wrapping it, because wrapping would
/// change the delivered bytes (breaking DKIM) and relaying it would make the next hop break it.
/// </para>
/// <para>
/// NUL: RFC 5322 §2.3 text has no NUL octets and RFC 6152 8BITMIME does not allow them either; only BINARYMIME
/// (BDAT) carries them. A message holding one is refused (554 5.6.0) instead of relayed unchanged, because a next
/// hop written in C may end the line or the message at the NUL.
/// </para>
/// </summary>
internal sealed class DataContentReader
{
    public const int MaxLineLength = 1000; // octets including CRLF, RFC 5321 §4.5.3.1.6

    private byte[] _scratch = new byte[MaxLineLength + 24];
    private bool _midLine;
    private bool _previousEndedWithCrlf;
    private long _maxSize;

    public ContentViolation Violations { get; private set; }

    public long Size { get; private set; }

    public void Reset(long maxSize)
    {
        _midLine = false;
        _previousEndedWithCrlf = true; // the CRLF of the DATA command precedes the first line
        _maxSize = maxSize;
        Violations = ContentViolation.None;
        Size = 0;
    }

    /// <summary>
    /// Consumes complete lines from <paramref name="buffer"/>. Returns true when the end-of-data line
    /// was read; <paramref name="consumed"/> is where the caller advances the pipe to.
    /// </summary>
    public bool Process(in ReadOnlySequence<byte> buffer, MessageBuffer target, out SequencePosition consumed)
    {
        var reader = new SequenceReader<byte>(buffer);
        while (true)
        {
            if (!reader.TryReadTo(out ReadOnlySequence<byte> lineSequence, (byte)'\n', advancePastDelimiter: true))
            {
                // No LF yet. A partial line longer than the limit is already a violation: drop it
                // (keeping one byte, which may be the CR of a CRLF split across reads).
                if (reader.Remaining > MaxLineLength + 1) // +1: a leading dot added for transparency does not count
                {
                    Violations |= ContentViolation.LineTooLong;
                    reader.Advance(reader.Remaining - 1);
                    _midLine = true;
                }
                consumed = reader.Position;
                return false;
            }
            var line = AsSpan(lineSequence);
            var endsWithCr = line.Length > 0 && line[^1] == (byte)'\r';
            var content = endsWithCr ? line[..^1] : line;
            if (!_midLine && endsWithCr && _previousEndedWithCrlf && content.Length == 1 && content[0] == (byte)'.')
            {
                consumed = reader.Position;
                return true;
            }
            var odd = content.IndexOfAny((byte)'\r', (byte)0); // one vectorised scan for both checks
            if (odd >= 0)
            {
                if (content[odd..].Contains((byte)'\r')) Violations |= ContentViolation.BareLineEnding;
                if (content[odd..].Contains((byte)0)) Violations |= ContentViolation.Nul;
            }
            if (!endsWithCr) Violations |= ContentViolation.BareLineEnding;
            // RFC 5321 §4.5.3.1.6: 1000 octets including CRLF, "not counting the leading dot duplicated for transparency".
            var stuffedDot = !_midLine && content.Length > 0 && content[0] == (byte)'.' ? 1 : 0;
            if (_midLine || line.Length + 1 - stuffedDot > MaxLineLength) Violations |= ContentViolation.LineTooLong;
            if (!_midLine && content.Length > 0 && content[0] == (byte)'.') content = content[1..]; // RFC 5321 §4.5.2
            _midLine = false;
            _previousEndedWithCrlf = endsWithCr;
            Size += content.Length + 2;
            if (Size > _maxSize) Violations |= ContentViolation.TooBig;
            if (Violations == ContentViolation.None)
            {
                target.Append(content);
                target.Append("\r\n"u8);
            }
        }
    }

    /// <summary>A line split across pipe segments is copied into a reused scratch buffer (no allocation per line).</summary>
    private ReadOnlySpan<byte> AsSpan(in ReadOnlySequence<byte> line)
    {
        if (line.IsSingleSegment) return line.FirstSpan;
        if (line.Length > _scratch.Length) _scratch = new byte[checked((int)line.Length)]; // over-long line: rejected anyway
        line.CopyTo(_scratch);
        return _scratch.AsSpan(0, (int)line.Length);
    }
}
