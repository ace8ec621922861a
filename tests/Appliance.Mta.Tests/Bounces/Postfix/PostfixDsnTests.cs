using Appliance.Mta.Bounces;
using Appliance.Mta.Bounces.Classification;
using Appliance.Mta.Bounces.Parsing;
using Appliance.Mta.Messages;
using Appliance.Mta.Smtp;
using MimeKit;

namespace Appliance.Mta.Tests.Bounces.Postfix;

/// <summary>
/// Real DSNs made by a private Postfix instance (<see cref="PostfixBouncer"/>): the appliance's bounce parser and
/// classifier read them, and the appliance's own DSN has the same structure as Postfix's when Python's email package
/// reads both (parts, one group per recipient, no empty group).
/// </summary>
public sealed class PostfixDsnTests
{
    [PostfixFact]
    public async Task A_postfix_dsn_for_a_rejected_rcpt_is_parsed_and_classified_soft()
    {
        await using var postfix = await PostfixBouncer.StartAsync("-f");
        var dsn = await postfix.BounceAsync("bob@dest.test");

        var report = BounceParser.TryParse(new MemoryStream(dsn));
        Assert.NotNull(report);
        Assert.True(report.IsStandardDsn);
        var r = Assert.Single(report.Recipients);
        Assert.Equal(("bob@dest.test", "5.3.0", 500, "failed"), (r.Address, r.Status, r.ReplyCode, r.Action));
        // smtp-sink's "500 5.3.0 Error: command failed": a mail-system status (RFC 3463 §3.4), nothing about the address.
        var verdict = new BounceClassifier().Classify(r.ReplyCode, r.Status, r.Diagnostic);
        Assert.False(verdict.Hard);
        Assert.False(verdict.Action.Suppress && verdict.Hard);
    }

    [PostfixFact]
    public async Task A_postfix_dsn_for_a_transient_reply_it_gave_up_on_says_failed_with_a_4xx_status()
    {
        await using var postfix = await PostfixBouncer.StartAsync("-r");
        var report = BounceParser.TryParse(new MemoryStream(await postfix.BounceAsync("carol@dest.test")));
        var r = Assert.Single(report!.Recipients);
        Assert.Equal(("carol@dest.test", "4.3.0", 450, "failed"), (r.Address, r.Status, r.ReplyCode, r.Action));
        Assert.False(new BounceClassifier().Classify(r.ReplyCode, r.Status, r.Diagnostic).Hard);
    }

    [PostfixFact]
    public async Task The_appliance_dsn_has_postfixs_structure_as_python_reads_them()
    {
        await using var postfix = await PostfixBouncer.StartAsync("-f");
        var theirs = DsnPythonParserTests.ParseWithPython(await postfix.BounceAsync("bob@dest.test"));

        var env = new MessageEnvelope
        {
            MailFrom = "alice@sender.test", Recipients = [new EnvelopeRecipient("bob@dest.test")], TenantId = "t",
            ReceivedAt = DateTimeOffset.UtcNow.AddMinutes(-1), ClientAddress = "127.0.0.1", Ret = DsnReturn.Full,
        };
        var original = "From: alice@sender.test\r\nTo: bob@dest.test\r\nSubject: x\r\n\r\nHello\r\n"u8.ToArray();
        var status = new DsnRecipientStatus(env.Recipients[0], new SmtpReply(500, "5.3.0", "Error: command failed"), "127.0.0.1 [127.0.0.1]:25", DateTimeOffset.UtcNow);
        var ours = DsnPythonParserTests.ParseWithPython(DsnComposer.Compose(new DsnRequest(env, "Q1", original, [status], "mta.appliance.test", DateTimeOffset.UtcNow, DsnKind.Failure)).Content);

        Assert.Equal(theirs.Type, ours.Type);
        Assert.Equal(theirs.Report_type, ours.Report_type);
        Assert.Equal(theirs.Parts, ours.Parts); // text/plain, message/delivery-status, message/rfc822
        Assert.Equal(2, theirs.Groups.Count);   // Postfix: per-message + one recipient, no empty group
        Assert.Equal(theirs.Groups.Count, ours.Groups.Count);
        // The fields both write (Postfix adds X-Postfix-*, Original-Recipient from its ORCPT; we add Last-Attempt-Date).
        foreach (var field in new[] { "Reporting-MTA", "Arrival-Date" }) Assert.Contains(ours.Groups[0], f => f[0] == field);
        foreach (var field in new[] { "Final-Recipient", "Action", "Status", "Remote-MTA", "Diagnostic-Code" })
        {
            Assert.Contains(theirs.Groups[1], f => f[0] == field);
            Assert.Contains(ours.Groups[1], f => f[0] == field);
        }
        Assert.Equal(Value(theirs, "Diagnostic-Code"), Value(ours, "Diagnostic-Code"));
        Assert.Equal(Value(theirs, "Status"), Value(ours, "Status"));
    }

    private static string Value(DsnPythonParserTests.Parsed p, string field) => p.Groups[1].Single(f => f[0] == field)[1];
}
