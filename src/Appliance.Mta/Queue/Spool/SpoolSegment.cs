using Microsoft.Win32.SafeHandles;

namespace Appliance.Mta.Queue.Spool;

/// <summary>One append-only segment file and the number of live messages whose content it holds.</summary>
internal sealed class SpoolSegment(int number, string path, SafeFileHandle handle)
{
    public int Number { get; } = number;
    public string Path { get; } = path;
    public SafeFileHandle Handle { get; } = handle;

    /// <summary>Live messages stored here; touched by the writer thread (and recovery before it starts).</summary>
    public int Live { get; set; }

    /// <summary>Bytes of the live messages' records here.</summary>
    public long LiveBytes { get; set; }
}
