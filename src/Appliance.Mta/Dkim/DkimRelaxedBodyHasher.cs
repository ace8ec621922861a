using System.Security.Cryptography;

namespace Appliance.Mta.Dkim;

/// <summary>
/// The "relaxed" body canonicalisation of RFC 6376 §3.4.4 streamed into SHA-256 (the bh= tag, §3.7): fed the body
/// bytes in any number of pieces (memory segments, spill-file chunks), it never holds the body. WSP runs become one
/// SP, WSP at the end of lines and empty lines at the end of the body are dropped, a CRLF ends a non-empty body.
/// Only CRLF ends a line; a bare CR or LF is an ordinary byte (as in dkimpy and OpenDKIM). Contiguous text is copied
/// in runs (a single SP between words stays in the run), not byte by byte. One instance per thread
/// (<see cref="DkimSigningScratch"/>); <see cref="Reset"/> before each body.
/// </summary>
internal sealed class DkimRelaxedBodyHasher : IDisposable
{
    private const int BufferSize = 16 * 1024;

    private readonly IncrementalHash _hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
    private readonly byte[] _buffer = new byte[BufferSize];
    private int _buffered;
    private bool _cr;        // the last piece ended with a CR that may start a CRLF
    private bool _space;     // WSP seen since the last content byte of this line, not yet written
    private int _lineEnds;   // CRLFs owed: written only when more content follows (trailing empty lines vanish)
    private bool _content;   // anything written at all: a non-empty canonical body ends with CRLF

    /// <summary>Starts a new body.</summary>
    public void Reset()
    {
        _hash.GetHashAndReset(stackalloc byte[SHA256.HashSizeInBytes]);
        _buffered = 0;
        _cr = _space = _content = false;
        _lineEnds = 0;
    }

    /// <summary>Canonicalises and hashes the next piece of the body.</summary>
    public void Append(ReadOnlySpan<byte> input)
    {
        if (_cr && !input.IsEmpty)
        {
            _cr = false;
            if (input[0] == (byte)'\n')
            {
                EndLine();
                input = input[1..];
            }
            else
            {
                Content("\r"u8);
            }
        }
        while (!input.IsEmpty)
        {
            var run = ContentRun(input);
            if (run > 0)
            {
                Content(input[..run]);
                input = input[run..];
                if (input.IsEmpty) break;
            }
            if (input[0] == (byte)'\r')
            {
                if (input.Length == 1)
                {
                    _cr = true;
                    break;
                }
                if (input[1] == (byte)'\n')
                {
                    EndLine();
                    input = input[2..];
                }
                else
                {
                    Content(input[..1]); // a bare CR is content
                    input = input[1..];
                }
                continue;
            }
            // RFC 6376 §3.4.4 a: a WSP run becomes one SP, written only if content follows on this line (b).
            var wsp = 1;
            while (wsp < input.Length && IsWsp(input[wsp])) wsp++;
            _space = true;
            input = input[wsp..];
        }
    }

    /// <summary>Ends the body and writes its hash (32 bytes) to <paramref name="destination"/>.</summary>
    public void Finish(Span<byte> destination)
    {
        if (_cr)
        {
            _cr = false;
            Content("\r"u8);
        }
        if (_space) Content([]); // a last line without CRLF keeps its WSP as one SP (as dkimpy computes it)
        if (_content)
        {
            // RFC 6376 §3.4.4: "If the body is non-empty but does not end with a CRLF, a CRLF is added"; trailing
            // empty lines (the owed CRLFs beyond this one) are ignored.
            _lineEnds = 0;
            Write("\r\n"u8);
        }
        // An empty body (or one of empty lines only) canonicalises to nothing (RFC 6376 §3.4.4, errata 1384).
        _hash.AppendData(_buffer, 0, _buffered);
        _buffered = 0;
        _hash.GetHashAndReset(destination);
    }

    public void Dispose() => _hash.Dispose();

    /// <summary>The length of the leading run that is written unchanged: up to the first CR, TAB or SP that is not a
    /// single SP between two content bytes.</summary>
    private static int ContentRun(ReadOnlySpan<byte> input)
    {
        var run = 0;
        while (true)
        {
            var k = input[run..].IndexOfAny((byte)' ', (byte)'\t', (byte)'\r');
            if (k < 0) return input.Length;
            var at = run + k;
            if (at > 0 && input[at] == (byte)' ' && at + 1 < input.Length && input[at + 1] is not ((byte)' ' or (byte)'\t' or (byte)'\r'))
            {
                run = at + 1;
                continue;
            }
            return at;
        }
    }

    private void EndLine()
    {
        _space = false; // RFC 6376 §3.4.4 b: WSP at the end of a line is ignored
        _lineEnds++;
    }

    private void Content(ReadOnlySpan<byte> bytes)
    {
        for (; _lineEnds > 0; _lineEnds--) Write("\r\n"u8);
        if (_space)
        {
            Write(" "u8);
            _space = false;
        }
        Write(bytes);
        _content = true;
    }

    private void Write(ReadOnlySpan<byte> bytes)
    {
        if (_buffered + bytes.Length > _buffer.Length)
        {
            _hash.AppendData(_buffer, 0, _buffered);
            _buffered = 0;
            if (bytes.Length > _buffer.Length)
            {
                _hash.AppendData(bytes);
                return;
            }
        }
        bytes.CopyTo(_buffer.AsSpan(_buffered));
        _buffered += bytes.Length;
    }

    private static bool IsWsp(byte b) => b is (byte)' ' or (byte)'\t';
}
