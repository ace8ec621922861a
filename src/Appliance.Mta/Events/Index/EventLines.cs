using System.Text;
using System.Text.Json;

namespace Appliance.Mta.Events.Index;

/// <summary>Reading JSON lines of an event file with their byte offsets.</summary>
public static class EventLines
{
    /// <summary>Complete lines (ending in '\n') between <paramref name="start"/> and <paramref name="end"/>, with the
    /// offset of each; a torn last line (still being appended) is left out.</summary>
    public static IEnumerable<(long Offset, string Line)> Read(Stream stream, long start, long end)
    {
        stream.Position = start;
        var buffer = new byte[1 << 16];
        var pending = new MemoryStream();
        var lineStart = start;
        var position = start;
        while (position < end)
        {
            var read = stream.Read(buffer, 0, (int)Math.Min(buffer.Length, end - position));
            if (read <= 0) yield break;
            var from = 0;
            for (var i = 0; i < read; i++)
            {
                if (buffer[i] != (byte)'\n') continue;
                string line;
                if (pending.Length > 0)
                {
                    pending.Write(buffer, from, i - from);
                    line = Encoding.UTF8.GetString(pending.GetBuffer(), 0, (int)pending.Length);
                    pending.SetLength(0);
                }
                else
                {
                    line = Encoding.UTF8.GetString(buffer, from, i - from);
                }
                yield return (lineStart, line);
                lineStart = position + i + 1;
                from = i + 1;
            }
            pending.Write(buffer, from, read - from);
            position += read;
        }
    }

    /// <summary>The line that starts at <paramref name="offset"/> (without its '\n'), or null past the end.</summary>
    public static string? ReadAt(Microsoft.Win32.SafeHandles.SafeFileHandle handle, long offset)
    {
        var buffer = new byte[2048];
        var pending = new MemoryStream();
        while (true)
        {
            var n = RandomAccess.Read(handle, buffer, offset);
            if (n <= 0) return null;
            var newline = Array.IndexOf(buffer, (byte)'\n', 0, n);
            if (newline >= 0)
            {
                pending.Write(buffer, 0, newline);
                return Encoding.UTF8.GetString(pending.GetBuffer(), 0, (int)pending.Length);
            }
            pending.Write(buffer, 0, n);
            offset += n;
        }
    }

    /// <summary>
    /// One JSON line as an event; null when the line is not valid event JSON (a torn line, a foreign file).
    /// </summary>
    public static MtaEvent? Parse(string line)
    {
        try
        {
            return JsonSerializer.Deserialize(line, EventJsonContext.Default.MtaEvent);
        }
        catch (JsonException)
        {
            return null; // a torn line
        }
    }
}
