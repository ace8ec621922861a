namespace Appliance.IntegrationTests.Infrastructure;

/// <summary>
/// The transparency check: the delivered message equals the submitted one except for
/// trace fields the appliance prepends (Received, RFC 5321 §4.4, then its X-Appliance-Id), Message-ID/Date it may
/// add on submission when missing (RFC 6409 §8), and the fields it must strip.
/// </summary>
public static class DeliveredMessageAssert
{
    /// <summary>
    /// Asserts the transformation and returns the names of the added fields (Received first).
    /// </summary>
    public static IReadOnlyList<string> OnlyTraceAdded(
        byte[] submitted, byte[] delivered, bool mayAddIdAndDate, IReadOnlyCollection<string>? stripped = null)
    {
        var s = RawMessage.Parse(submitted);
        var d = RawMessage.Parse(delivered);
        Assert.True(s.Body == d.Body, $"body changed.\n--- submitted body:\n{s.Body}\n--- delivered body:\n{d.Body}");

        var expected = s.Fields.Where(f => stripped is null || !stripped.Any(f.Is)).ToList();
        var added = new List<string>();
        var rest = d.Fields.ToList();

        // RFC 5321 §4.4: a relay prepends a Received field at the top.
        var receivedOnTop = 0;
        while (receivedOnTop < rest.Count && rest[receivedOnTop].Is("Received") && receivedOnTop < rest.Count - expected.Count)
        {
            receivedOnTop++;
        }

        Assert.True(receivedOnTop >= 1, "no Received field prepended; delivered header:\n" + string.Concat(d.Fields.Select(f => f.Raw)));
        added.AddRange(Enumerable.Repeat("Received", receivedOnTop));
        rest.RemoveRange(0, receivedOnTop);

        // The appliance's signed trace field (complaint matching), right below its Received block.
        if (rest.Count > 0 && rest[0].Is("X-Appliance-Id") && !expected.Any(f => f.Is("X-Appliance-Id")))
        {
            rest.RemoveAt(0);
            added.Add("X-Appliance-Id");
        }

        foreach (var name in new[] { "Message-ID", "Date" })
        {
            if (expected.Any(f => f.Is(name)))
            {
                continue;
            }

            var extra = rest.Where(f => f.Is(name)).ToList();
            Assert.True(extra.Count == 0 || mayAddIdAndDate, $"{name} added on a message that must pass unchanged: {string.Concat(extra.Select(f => f.Raw))}");
            Assert.True(extra.Count <= 1, $"{name} added {extra.Count} times");
            foreach (var f in extra)
            {
                rest.Remove(f);
                added.Add(name);
            }
        }

        var want = string.Concat(expected.Select(f => f.Raw));
        var got = string.Concat(rest.Select(f => f.Raw));
        Assert.True(want == got, $"header fields changed beyond the allowed additions.\n--- expected (after additions removed):\n{want}\n--- delivered (after additions removed):\n{got}");
        return added;
    }
}
