using System.Text;
using Appliance.Mta.Shaping;

namespace Appliance.Mta.Tests.Shaping;

public sealed class ShapingRuleSetLoaderTests
{
    [Fact]
    public void The_shipped_provider_rules_load_validate_and_cover_the_big_providers()
    {
        var rules = ShapingRuleSetLoader.Shipped();
        var names = rules.Providers.Select(p => p.Name).ToHashSet();
        foreach (var expected in new[] { "gmail", "yahoo", "outlook", "icloud", "comcast", "gmx-webde", "orange", "mailru" }) Assert.Contains(expected, names);
        Assert.Empty(rules.Validate());
        var yahoo = rules.Providers.Single(p => p.Name == "yahoo");
        Assert.Contains(yahoo.Backoff, b => b.IsMatch("421 4.7.0 [TSS04] Messages from 192.0.2.1 temporarily deferred due to unexpected volume"));
        var gmail = rules.Providers.Single(p => p.Name == "gmail");
        Assert.Contains(gmail.Backoff, b => b.IsMatch("421 4.7.28 [192.0.2.1] Our system has detected an unusual rate of unsolicited mail"));
        Assert.DoesNotContain(gmail.Backoff, b => b.IsMatch("250 2.0.0 OK"));
    }

    [Theory]
    [InlineData("""{"providers":[{"name":"x","mx":["x.test"],"backoff":[{"name":"b","pattern":"([","threshold":1}]}]}""", "bad pattern")]
    [InlineData("""{"providers":[{"name":"x","mx":["x.test"],"backoff":[{"name":"b","pattern":"421","action":"throttle"}]}]}""", "names no rate")]
    [InlineData("""{"providers":[{"name":"x","limits":{"maxConnections":2}}]}""", "matches nothing")]
    [InlineData("""{"providers":[{"name":"x","mx":["x.test"],"limits":{"maxConnections":0}}]}""", "maxConnections must be")]
    [InlineData("""{"providers":[{"name":"x","mx":["x.test"]},{"name":"X","mx":["y.test"]}]}""", "defined twice")]
    [InlineData("""{"providers":[{"name":"x","mx":["x.test"],"limits":{"messageRate":"fast"}}]}""", "not a rate")]
    [InlineData("""{"providers":[{"name":"x","mx":["x.test"],"surprise":1}]}""", "does not parse")]
    public void A_bad_file_is_refused_with_a_clear_reason(string json, string reason)
    {
        var (rules, errors) = ShapingRuleSetLoader.Load(new MemoryStream(Encoding.UTF8.GetBytes(json)));
        Assert.Null(rules);
        Assert.Contains(errors, e => e.Contains(reason, StringComparison.OrdinalIgnoreCase));
    }

    [Theory]
    [InlineData("20/s", 20, 1)]
    [InlineData("600/min", 600, 60)]
    [InlineData("10000/h", 10000, 3600)]
    public void Rates_parse_and_space_messages_evenly(string text, int count, int seconds)
    {
        var rate = MessageRate.Parse(text);
        Assert.Equal(count, rate.Count);
        Assert.Equal(TimeSpan.FromSeconds(seconds), rate.Per);
        Assert.Equal(TimeSpan.FromSeconds((double)seconds / count), rate.Interval);
        Assert.Equal(text, rate.ToString());
    }
}
