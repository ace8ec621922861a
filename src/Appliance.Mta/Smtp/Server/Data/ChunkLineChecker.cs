namespace Appliance.Mta.Smtp.Server.Data;

/// <summary>
/// Line checks for BDAT content that is not BODY=BINARYMIME: RFC 3030 §2 carries the same RFC 5322
/// text as DATA, so bare CR/LF (RFC 5321 §2.3.8) and over-long lines (§4.5.3.1.6) are refused just
/// like in DATA, and so are NUL octets. State carries across chunk boundaries.
/// </summary>
internal sealed class ChunkLineChecker
{
    private bool _pendingCr;
    private int _lineLength;

    public ContentViolation Violations { get; private set; }

    public void Reset()
    {
        _pendingCr = false;
        _lineLength = 0;
        Violations = ContentViolation.None;
    }

    public void Check(ReadOnlySpan<byte> data)
    {
        while (!data.IsEmpty)
        {
            if (_pendingCr)
            {
                _pendingCr = false;
                if (data[0] == (byte)'\n')
                {
                    _lineLength = 0;
                    data = data[1..];
                    continue;
                }
                Violations |= ContentViolation.BareLineEnding;
            }
            var i = data.IndexOfAny((byte)'\r', (byte)'\n', (byte)0);
            if (i < 0)
            {
                AddLength(data.Length);
                return;
            }
            AddLength(i);
            if (data[i] == 0)
            {
                Violations |= ContentViolation.Nul; // RFC 5322 §2.3: no NUL in text; BINARYMIME is not checked here
                AddLength(1);
                data = data[(i + 1)..];
                continue;
            }
            if (data[i] == (byte)'\n')
            {
                Violations |= ContentViolation.BareLineEnding;
                _lineLength = 0;
                data = data[(i + 1)..];
            }
            else if (i + 1 == data.Length)
            {
                _pendingCr = true;
                return;
            }
            else if (data[i + 1] == (byte)'\n')
            {
                _lineLength = 0;
                data = data[(i + 2)..];
            }
            else
            {
                Violations |= ContentViolation.BareLineEnding;
                data = data[(i + 1)..];
            }
        }
    }

    private void AddLength(int n)
    {
        _lineLength += n;
        if (_lineLength > DataContentReader.MaxLineLength - 2) Violations |= ContentViolation.LineTooLong;
    }
}
