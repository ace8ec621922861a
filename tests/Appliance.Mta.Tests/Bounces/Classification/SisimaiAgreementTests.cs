using Appliance.Mta.Bounces.Classification;
using Appliance.Mta.Tests.Bounces.Parsing;
using Appliance.Mta.Tests.Corpora;
using Xunit.Abstractions;

namespace Appliance.Mta.Tests.Bounces.Classification;

/// <summary>Parser + classifier against sisimai's verdicts on the 319 recipients of expected-sisimai.tsv.</summary>
public sealed class SisimaiAgreementTests(ITestOutputHelper output)
{
    private const double Required = 0.90;

    [CorpusFact("bounces")]
    public void Classifier_agrees_with_sisimai_on_at_least_90_percent_of_recipients()
    {
        var classifier = new BounceClassifier();
        var confusion = new Dictionary<(BounceCategory Expected, BounceCategory Actual), int>();
        var misses = new List<string>();
        int scored = 0, agreed = 0;
        foreach (var row in BounceCorpus.Table(BounceCorpus.Bounces, "expected-sisimai.tsv"))
        {
            var reason = row["expected_reason"];
            if (SisimaiReasonMap.NotFailures.Contains(reason)) continue;
            var expected = SisimaiReasonMap.Map[reason];
            var report = BounceCorpus.Parse(Path.Combine(BounceCorpus.Bounces, "sisimai", row["file"]));
            var recipient = BounceCorpus.Match(report, row["sisimai_recipient"], int.Parse(row["recipient_index"], System.Globalization.CultureInfo.InvariantCulture));
            var actual = recipient is null ? BounceCategory.Uncategorized
                : classifier.Classify(recipient.ReplyCode, recipient.Status, recipient.Diagnostic).Category;
            scored++;
            if (actual == expected) agreed++;
            else misses.Add($"{row["file"]} {reason}: got {actual} from [{recipient?.ReplyCode} {recipient?.Status} {Trim(recipient?.Diagnostic)}]");
            confusion[(expected, actual)] = confusion.GetValueOrDefault((expected, actual)) + 1;
        }
        var rate = (double)agreed / scored;
        output.WriteLine($"agreement with sisimai: {agreed}/{scored} = {rate:P1} (required {Required:P0})");
        output.WriteLine("confusion (expected -> actual: count):");
        foreach (var ((expected, actual), count) in confusion.OrderBy(c => c.Key.Expected).ThenByDescending(c => c.Value))
            output.WriteLine($"  {expected,-22} -> {actual,-22} {count,4}{(expected == actual ? "" : "  *")}");
        output.WriteLine("disagreements:");
        foreach (var miss in misses) output.WriteLine("  " + miss);
        Assert.True(rate >= Required, $"agreement {rate:P1} below {Required:P0}");
    }

    private static string Trim(string? s) => s is null ? "" : s.Length > 140 ? s[..140] : s;
}
