using System.Globalization;
using Appliance.Mta.Bounces.Parsing;
using Appliance.Mta.Tests.Bounces.Classification;
using Appliance.Mta.Tests.Corpora;
using Xunit.Abstractions;

namespace Appliance.Mta.Tests.Bounces.Parsing;

/// <summary>Recipient and status extraction over the shared bounce corpus (tables in its README).</summary>
public sealed class BounceCorpusTests(ITestOutputHelper output)
{
    [CorpusFact("bounces")]
    public void Parser_extracts_the_failed_recipient_and_status_of_sisimai_bounces()
    {
        int rows = 0, found = 0, statusRows = 0, statusSame = 0, codeRows = 0, codeSame = 0;
        var misses = new List<string>();
        foreach (var row in BounceCorpus.Table(BounceCorpus.Bounces, "expected-sisimai.tsv"))
        {
            if (SisimaiReasonMap.NotFailures.Contains(row["expected_reason"])) continue;
            var report = BounceCorpus.Parse(Path.Combine(BounceCorpus.Bounces, "sisimai", row["file"]));
            rows++;
            var byAddress = report?.Recipients.FirstOrDefault(r => string.Equals(r.Address, row["sisimai_recipient"], StringComparison.OrdinalIgnoreCase));
            if (byAddress is not null) found++;
            else misses.Add($"{row["file"]}: {row["sisimai_recipient"]} not in [{string.Join(", ", report?.Recipients.Select(r => r.Address) ?? [])}]");
            var recipient = BounceCorpus.Match(report, row["sisimai_recipient"], int.Parse(row["recipient_index"], CultureInfo.InvariantCulture));
            // sisimai's pseudo codes (X.0.9xx) are its own inference, not in the message: not asserted.
            if (row["expected_status"] is { Length: > 0 } status && !status.Contains(".0.9", StringComparison.Ordinal))
            {
                statusRows++;
                if (recipient?.Status == status) statusSame++;
            }
            if (row["expected_replycode"] is { Length: > 0 } code)
            {
                codeRows++;
                if (recipient?.ReplyCode?.ToString(CultureInfo.InvariantCulture) == code) codeSame++;
            }
        }
        output.WriteLine($"recipient found: {found}/{rows}; status equal: {statusSame}/{statusRows}; reply code equal: {codeSame}/{codeRows}");
        foreach (var miss in misses) output.WriteLine("  " + miss);
        Assert.True(found >= rows * 0.95, $"recipients found {found}/{rows}");
        Assert.True(statusSame >= statusRows * 0.85, $"status equal {statusSame}/{statusRows}");
        Assert.True(codeSame >= codeRows * 0.85, $"reply code equal {codeSame}/{codeRows}");
    }

    [CorpusFact("bounces")]
    public void Crlf_twins_give_identical_results()
    {
        var rows = BounceCorpus.Table(BounceCorpus.Bounces, "expected-sisimai-crlf.tsv");
        Assert.Equal(10, rows.Select(r => r["file"]).Distinct().Count());
        var compared = 0;
        foreach (var row in rows)
        {
            var file = row["file"];
            var crlf = BounceCorpus.Load(Path.Combine(BounceCorpus.Bounces, "sisimai-crlf", file));
            var lfPath = Path.Combine(BounceCorpus.Bounces, "sisimai", file);
            // Some LF originals were not selected into sisimai/ (README: the CRLF copies are of sisimai's own files).
            if (File.Exists(lfPath))
            {
                var lf = BounceCorpus.Load(lfPath);
                Assert.Equal(Describe(BounceParser.TryParse(lf)), Describe(BounceParser.TryParse(crlf)));
                Assert.Equal(FeedbackReportParser.TryParse(lf)?.FeedbackType, FeedbackReportParser.TryParse(crlf)?.FeedbackType);
                compared++;
            }
            if (row["expected_reason"] == "feedback")
            {
                Assert.Equal(row["expected_feedback_type"], FeedbackReportParser.TryParse(crlf)?.FeedbackType);
                continue;
            }
            var recipient = BounceParser.TryParse(crlf)?.Recipients.ElementAtOrDefault(int.Parse(row["recipient_index"], CultureInfo.InvariantCulture) - 1);
            Assert.NotNull(recipient);
            if (row["expected_replycode"] is { Length: > 0 } code) Assert.Equal(code, recipient.ReplyCode?.ToString(CultureInfo.InvariantCulture));
        }
        output.WriteLine($"LF/CRLF pairs compared: {compared}");
        Assert.True(compared >= 5);
    }

    [CorpusFact("bounces")]
    public void Ordinary_messages_are_not_bounces()
    {
        // Named in the corpus README ("not-bounce/"), which has no table for them.
        foreach (var file in new[] { "sisimai-is-not-bounce-01.eml", "sisimai-is-not-bounce-02.eml" })
            Assert.Null(BounceCorpus.Parse(Path.Combine(BounceCorpus.Bounces, "not-bounce", file)));
    }

    [CorpusFact("bounces")]
    public void Mailman_bounces_yield_their_expected_addresses()
    {
        var rows = BounceCorpus.Table(BounceCorpus.Bounces, "expected-flufl.tsv");
        int files = 0, complete = 0, expectedTotal = 0, foundTotal = 0, extra = 0;
        // A file listed twice (one detector finds nothing, another the address): assert the union.
        foreach (var group in rows.GroupBy(r => r["file"]))
        {
            var expected = group.SelectMany(r => r["expected_addresses"].Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
                .Select(a => a.ToLowerInvariant()).ToHashSet();
            if (expected.Count == 0) continue;
            files++;
            var report = BounceCorpus.Parse(Path.Combine(BounceCorpus.Bounces, "flufl-bounce", group.Key));
            var got = report?.Recipients.Select(r => r.Address.ToLowerInvariant()).ToHashSet() ?? [];
            var hit = expected.Count(got.Contains);
            expectedTotal += expected.Count;
            foundTotal += hit;
            extra += got.Count(a => !expected.Contains(a));
            if (hit == expected.Count) complete++;
            else output.WriteLine($"  {group.Key}: expected [{string.Join(", ", expected)}] got [{string.Join(", ", got)}]");
        }
        output.WriteLine($"flufl: files complete {complete}/{files}; addresses found {foundTotal}/{expectedTotal}; extra addresses {extra}");
        Assert.True(foundTotal >= expectedTotal * 0.85, $"addresses found {foundTotal}/{expectedTotal}");
    }

    [CorpusFact("bounces")]
    public void Rfc3464_examples_parse_per_recipient_fields()
    {
        var folder = Path.Combine(BounceCorpus.Bounces, "rfc3464-examples");
        foreach (var group in BounceCorpus.Table(folder, "dsn-fields.tsv").Where(r => r["final_recipient"].Length > 0).GroupBy(r => r["file"]))
        {
            var report = BounceCorpus.Parse(Path.Combine(folder, group.Key));
            Assert.NotNull(report);
            Assert.True(report.IsStandardDsn, group.Key);
            var expected = group.ToList();
            Assert.Equal(expected.Count, report.Recipients.Count);
            for (var i = 0; i < expected.Count; i++)
            {
                var address = expected[i]["final_recipient"].Split(';', 2)[1].Trim().Trim('<', '>');
                Assert.Equal(address, report.Recipients[i].Address);
                Assert.Equal(expected[i]["action"], report.Recipients[i].Action);
                Assert.Equal(expected[i]["status"].Split(' ')[0], report.Recipients[i].Status);
            }
        }
    }

    private static string Describe(BounceReport? report) => report is null ? "null"
        : string.Join("|", report.Recipients.Select(r => $"{r.Address};{r.Status};{r.ReplyCode};{r.Action};{r.Diagnostic}")) + $"#{report.OriginalMessageId}#{report.OriginalHeaders.Count}";
}
