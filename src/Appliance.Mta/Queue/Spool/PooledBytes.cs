using System.Buffers;

namespace Appliance.Mta.Queue.Spool;

/// <summary>An exact-length view over an array from <see cref="ArrayPool{T}.Shared"/>; returned on dispose.</summary>
public sealed class PooledBytes : IMemoryOwner<byte>
{
    private byte[]? _array;

    /// <summary>
    /// Rents an array of at least <paramref name="length"/> bytes (at least one) from the shared pool.
    /// </summary>
    public PooledBytes(int length)
    {
        _array = ArrayPool<byte>.Shared.Rent(Math.Max(length, 1));
        Length = length;
    }

    /// <summary>The number of meaningful bytes (the rented array may be longer).</summary>
    public int Length { get; }

    /// <summary>
    /// The first <see cref="Length"/> bytes of the rented array; throws <see cref="ObjectDisposedException"/> after
    /// disposal.
    /// </summary>
    public Memory<byte> Memory => _array is { } a ? a.AsMemory(0, Length) : throw new ObjectDisposedException(nameof(PooledBytes));

    /// <summary>Returns the array to the pool; safe to call more than once.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _array, null) is { } a) ArrayPool<byte>.Shared.Return(a);
    }
}
