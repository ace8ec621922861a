namespace Appliance.Mta.Queue;

/// <summary>
/// Shared one-element arrays of recipient indices: most items carry one recipient (index 0 of a one-recipient
/// message), and a million queued items would otherwise hold a million equal 32-byte arrays. Safe because an item's
/// <see cref="QueueItem.Recipients"/> is never changed in place, only replaced.
/// </summary>
internal static class RecipientIndices
{
    private const int Cached = 64;

    private static readonly int[][] Singles = Enumerable.Range(0, Cached).Select(i => new[] { i }).ToArray();

    /// <summary>The shared instance equal to <paramref name="indices"/> when it is one small index; otherwise itself.</summary>
    public static int[] Share(int[] indices)
    {
        ArgumentNullException.ThrowIfNull(indices);
        return indices is [var i] && (uint)i < Cached ? Singles[i] : indices;
    }

    /// <summary>The indices <paramref name="start"/> to <paramref name="start"/> + <paramref name="count"/> of <paramref name="all"/>, shared when it is one.</summary>
    public static int[] Slice(List<int> all, int start, int count)
    {
        ArgumentNullException.ThrowIfNull(all);
        if (count == 1 && (uint)all[start] < Cached) return Singles[all[start]];
        return all.GetRange(start, count).ToArray();
    }
}
