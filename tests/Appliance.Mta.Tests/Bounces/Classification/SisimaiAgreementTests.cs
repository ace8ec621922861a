using Appliance.Mta.Bounces.Classification;
using Appliance.Mta.Tests.Bounces.Parsing;
using Appliance.Mta.Tests.Corpora;
using Xunit.Abstractions;

namespace Appliance.Mta.Tests.Bounces.Classification;

/// <summary>
/// Parser + classifier against sisimai's verdicts on the recipients of expected-sisimai.tsv. sisimai's catch-all reasons
/// (<see cref="SisimaiReasonMap.CatchAll"/>) are not scored, and an Uncategorized verdict never counts as agreement.
/// </summary>
public sealed class SisimaiAgreementTests(ITestOutputHelper output)
{
    // Measured 279/292 = 95.5 % (catch-alls not scored); the issue asks for 95 %: see docs/bounce-rules.md "Agreement".
    private const double Required = 0.955;

    [CorpusFact("bounces")]
    public void Classifier_agrees_with_sisimai_on_labelled_recipients_without_catch_alls()
    {
        var classifier = new BounceClassifier();
        var confusion = new Dictionary<(BounceCategory Expected, BounceCategory Actual), int>();
        var misses = new List<string>();
        int scored = 0, agreed = 0, catchAll = 0;
        foreach (var (row, reason, actual, _, reply) in Verdicts(classifier))
        {
            if (SisimaiReasonMap.CatchAll.Contains(reason))
            {
                catchAll++;
                continue;
            }
            var expected = SisimaiReasonMap.Map[reason];
            scored++;
            if (SisimaiReasonMap.Agrees(reason, actual.Category)) agreed++;
            else misses.Add($"{row["file"]} {reason}: got {actual.Category} ({actual.Stage}) from [{reply}]");
            confusion[(expected, actual.Category)] = confusion.GetValueOrDefault((expected, actual.Category)) + 1;
        }
        var rate = (double)agreed / scored;
        output.WriteLine($"agreement with sisimai: {agreed}/{scored} = {rate:P1} (required {Required:P1}); {catchAll} catch-all rows not scored");
        output.WriteLine("confusion (expected -> actual: count):");
        foreach (var ((expected, actual), count) in confusion.OrderBy(c => c.Key.Expected).ThenByDescending(c => c.Value))
            output.WriteLine($"  {expected,-22} -> {actual,-22} {count,4}{(expected == actual ? "" : "  *")}");
        output.WriteLine("disagreements:");
        foreach (var miss in misses) output.WriteLine("  " + miss);
        Assert.Equal(0, confusion.GetValueOrDefault((BounceCategory.Uncategorized, BounceCategory.Uncategorized)));
        Assert.True(rate >= Required, $"agreement {rate:P1} below {Required:P1}");
    }

    /// <summary>
    /// Hard means "permanent and about the address" on both sides. Where sisimai's reason is about the address
    /// (userunknown, hasmoved, hostunknown) we must say hard on a 5yz; where it is about the mailbox's space, the sender
    /// or the message (mailboxfull, systemfull, blocks, policy, auth, spam, size, rate) we must say soft, even on a 5yz
    /// (552 5.2.2 is soft: RFC 3463 §3.3).
    /// </summary>
    [CorpusFact("bounces")]
    public void Hard_and_soft_follow_the_reason_not_the_first_digit()
    {
        string[] hardReasons = ["userunknown", "hasmoved", "hostunknown"];
        string[] softReasons = ["mailboxfull", "systemfull", "exceedlimit", "mesgtoobig", "blocked", "badreputation", "requireptr", "rejected",
            "policyviolation", "securityerror", "authfailure", "spamdetected", "virusdetected", "toomanyconn", "speeding", "expired"];
        var wrong = new List<string>();
        int checkedRows = 0, sisimaiAgreed = 0, all = 0;
        foreach (var (row, reason, actual, permanent, reply) in Verdicts(new BounceClassifier()))
        {
            if (SisimaiReasonMap.NotFailures.Contains(reason)) continue;
            all++;
            if (actual.Hard == (row["expected_hardbounce"] == "1")) sisimaiAgreed++;
            bool? want = hardReasons.Contains(reason) ? permanent : softReasons.Contains(reason) ? false : null;
            if (want is not { } w) continue;
            checkedRows++;
            if (actual.Hard != w) wrong.Add($"{row["file"]} {reason}: {(actual.Hard ? "hard" : "soft")} ({actual.Category}) from [{reply}]");
        }
        output.WriteLine($"hard/soft equal to sisimai's hardbounce flag on {sisimaiAgreed}/{all} = {(double)sisimaiAgreed / all:P1}; checked {checkedRows} rows, wrong:");
        foreach (var w in wrong) output.WriteLine("  " + w);
        Assert.True(wrong.Count * 100 <= checkedRows * 3, $"{wrong.Count} of {checkedRows} hard/soft verdicts wrong (at most 3 % allowed)");
    }

    private static IEnumerable<(IReadOnlyDictionary<string, string> Row, string Reason, BounceClassification Verdict, bool Permanent, string Reply)> Verdicts(BounceClassifier classifier)
    {
        foreach (var row in BounceCorpus.Table(BounceCorpus.Bounces, "expected-sisimai.tsv"))
        {
            var reason = row["expected_reason"];
            if (SisimaiReasonMap.NotFailures.Contains(reason)) continue;
            var report = BounceCorpus.Parse(Path.Combine(BounceCorpus.Bounces, "sisimai", row["file"]));
            var recipient = BounceCorpus.Match(report, row["sisimai_recipient"], int.Parse(row["recipient_index"], System.Globalization.CultureInfo.InvariantCulture));
            var verdict = recipient is null ? classifier.Classify(null, null, null) : classifier.Classify(recipient);
            var permanent = recipient?.ReplyCode is >= 500 || (recipient?.ReplyCode is null && recipient?.Status?.StartsWith('5') == true);
            yield return (row, reason, verdict, permanent, $"{recipient?.ReplyCode} {recipient?.Status} {Trim(recipient?.Diagnostic)}");
        }
    }

    private static string Trim(string? s) => s is null ? "" : s.Length > 140 ? s[..140] : s;
}
