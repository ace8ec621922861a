namespace Appliance.Mta.Queue;

/// <summary>
/// One shared instance of each equal string among the queue's many repeated ones (the same deferral reply on thousands
/// of items, the same tenant and client address on every message recovered from the spool), so a large backlog holds
/// each text once instead of once per message. Bounded: past <see cref="Capacity"/> distinct texts the pool starts
/// over (texts that are really unique, such as replies quoting a message id, must not grow it), and texts longer than
/// <see cref="MaxLength"/> are not pooled. Thread-safe.
/// </summary>
public sealed class TextPool
{
    /// <summary>Distinct texts kept before the pool is cleared and starts over.</summary>
    public const int Capacity = 4096;

    /// <summary>Longer texts are returned as they are.</summary>
    public const int MaxLength = 512;

    private readonly Dictionary<string, string> _texts = new(StringComparer.Ordinal);
    private readonly Lock _sync = new();

    /// <summary>The pool's instance equal to <paramref name="text"/> (which becomes that instance when new); null stays null.</summary>
    public string? Share(string? text)
    {
        if (text is null || text.Length > MaxLength) return text;
        lock (_sync)
        {
            if (_texts.TryGetValue(text, out var shared)) return shared;
            if (_texts.Count >= Capacity) _texts.Clear();
            _texts[text] = text;
            return text;
        }
    }
}
