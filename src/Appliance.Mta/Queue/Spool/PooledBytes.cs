using System.Buffers;

namespace Appliance.Mta.Queue.Spool;

/// <summary>An exact-length view over an array from <see cref="ArrayPool{T}.Shared"/>; returned on dispose.</summary>
public sealed class PooledBytes : IMemoryOwner<byte>
{
    private byte[]? _array;

    public PooledBytes(int length)
    {
        _array = ArrayPool<byte>.Shared.Rent(Math.Max(length, 1));
        Length = length;
    }

    public int Length { get; }

    public Memory<byte> Memory => _array is { } a ? a.AsMemory(0, Length) : throw new ObjectDisposedException(nameof(PooledBytes));

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _array, null) is { } a) ArrayPool<byte>.Shared.Return(a);
    }
}
