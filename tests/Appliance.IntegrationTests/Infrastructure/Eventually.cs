using System.Diagnostics;

namespace Appliance.IntegrationTests.Infrastructure;

/// <summary>Polls a condition until it holds or a deadline passes (integration scenarios only).</summary>
public static class Eventually
{
    /// <summary>Returns true as soon as <paramref name="condition"/> holds; false at the deadline.</summary>
    public static async Task<bool> TryAsync(Func<Task<bool>> condition, TimeSpan timeout, TimeSpan? every = null)
    {
        var sw = Stopwatch.StartNew();
        while (true)
        {
            if (await condition())
            {
                return true;
            }

            if (sw.Elapsed >= timeout)
            {
                return false;
            }

            await Task.Delay(every ?? TimeSpan.FromMilliseconds(200));
        }
    }

    /// <summary>Synchronous-condition overload.</summary>
    public static Task<bool> TryAsync(Func<bool> condition, TimeSpan timeout, TimeSpan? every = null) =>
        TryAsync(() => Task.FromResult(condition()), timeout, every);
}
