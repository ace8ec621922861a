using System.Diagnostics;
using System.Text;
using System.Text.Json;
using Appliance.Mta.Bounces;
using Appliance.Mta.Messages;
using Appliance.Mta.Smtp;

namespace Appliance.Mta.Tests.Bounces;

/// <summary>
/// The appliance's DSNs read by an independent parser, Python's email package (Debian's /usr/bin/python3): the
/// delivery-status part must hold exactly one per-message group and one group per recipient (RFC 3464 §2.1 has no
/// empty group), in Postfix's layout (notification, delivery-status, returned message or headers).
/// </summary>
public sealed class DsnPythonParserTests
{
    private const string Python = "/usr/bin/python3";
    private static readonly DateTimeOffset Now = new(2026, 3, 4, 10, 20, 30, TimeSpan.Zero);

    /// <summary>Prints, as JSON, the MIME layout and the delivery-status groups as Python's email package parses them.</summary>
    internal const string Script = """
import email, email.policy, json, sys
msg = email.message_from_bytes(sys.stdin.buffer.read(), policy=email.policy.compat32)
out = {"type": msg.get_content_type(), "report_type": msg.get_param("report-type"), "parts": [], "groups": []}
for part in msg.get_payload():
    out["parts"].append(part.get_content_type())
    if part.get_content_type() == "message/delivery-status":
        out["groups"] = [[[k, " ".join(v.split())] for k, v in g.items()] for g in part.get_payload()]
print(json.dumps(out))
""";

    public sealed class PythonFactAttribute : FactAttribute
    {
        public PythonFactAttribute()
        {
            if (!File.Exists(Python)) Skip = $"{Python} (Debian's python3) is missing";
        }
    }

    internal sealed record Parsed(string Type, string? Report_type, List<string> Parts, List<List<List<string>>> Groups);

    internal static Parsed ParseWithPython(byte[] content)
    {
        var psi = new ProcessStartInfo(Python) { RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        psi.ArgumentList.Add("-c");
        psi.ArgumentList.Add(Script);
        using var p = Process.Start(psi)!;
        p.StandardInput.BaseStream.Write(content);
        p.StandardInput.Close();
        var stdout = p.StandardOutput.ReadToEnd();
        var stderr = p.StandardError.ReadToEnd();
        Assert.True(p.WaitForExit(30_000), "python did not finish");
        Assert.True(p.ExitCode == 0, stderr);
        return JsonSerializer.Deserialize<Parsed>(stdout, new JsonSerializerOptions { PropertyNameCaseInsensitive = true })!;
    }

    private static byte[] Compose(DsnKind kind, DsnReturn ret, params (string Address, SmtpReply Reply)[] failures)
    {
        var env = new MessageEnvelope
        {
            MailFrom = "alice@sender.test",
            Recipients = [.. failures.Select(f => new EnvelopeRecipient(f.Address, DsnNotify.Failure | DsnNotify.Delay))],
            TenantId = "tenant-a", ReceivedAt = Now.AddHours(-2), ClientAddress = "127.0.0.1", Ret = ret, EnvId = "ENV-1",
        };
        var original = "From: alice@sender.test\r\nTo: bob@dest.test\r\nSubject: hi\r\nMessage-ID: <m1@sender.test>\r\n\r\nbody\r\n"u8.ToArray();
        var statuses = env.Recipients.Select((r, i) => new DsnRecipientStatus(r, failures[i].Reply, "mx.dest.test [192.0.2.5]:25", Now.AddMinutes(-1))).ToArray();
        return DsnComposer.Compose(new DsnRequest(env, "Q1", original, statuses, "mta.appliance.test", Now, kind)).Content;
    }

    [PythonFact]
    public void Python_sees_one_group_per_recipient_and_no_empty_group()
    {
        var content = Compose(DsnKind.Failure, DsnReturn.Headers,
            ("bob@dest.test", new SmtpReply(550, "5.1.1", "User unknown")),
            ("carol@dest.test", new SmtpReply(552, "5.2.2", "Mailbox full")));

        var parsed = ParseWithPython(content);

        Assert.Equal("multipart/report", parsed.Type);
        Assert.Equal("delivery-status", parsed.Report_type);
        // Postfix's layout: notification, delivery report, undelivered message (headers only for RET=HDRS).
        Assert.Equal(["text/plain", "message/delivery-status", "text/rfc822-headers"], parsed.Parts);
        Assert.Equal(3, parsed.Groups.Count);
        Assert.All(parsed.Groups, g => Assert.NotEmpty(g));
        Assert.Equal("Reporting-MTA", parsed.Groups[0][0][0]);
        Assert.Contains(parsed.Groups[0], f => f[0] == "Arrival-Date");
        Assert.Equal(["Final-Recipient", "rfc822; bob@dest.test"], parsed.Groups[1][0]);
        Assert.Equal(["Final-Recipient", "Action", "Status", "Remote-MTA", "Diagnostic-Code", "Last-Attempt-Date"], parsed.Groups[1].Select(f => f[0]));
        Assert.Contains(["Status", "5.2.2"], parsed.Groups[2]);
        Assert.Contains(["Diagnostic-Code", "smtp; 552 5.2.2 Mailbox full"], parsed.Groups[2]);
        // The last field is followed by the boundary's own CRLF only (RFC 2046 §5.1.1), never by an empty line.
        Assert.DoesNotContain("\r\n\r\n\r\n--", Encoding.ASCII.GetString(content), StringComparison.Ordinal);
    }

    [PythonFact]
    public void A_delay_dsn_with_one_recipient_has_two_groups()
    {
        var parsed = ParseWithPython(Compose(DsnKind.Delay, DsnReturn.Full, ("bob@dest.test", new SmtpReply(451, "4.4.1", "Connection timed out"))));
        Assert.Equal(["text/plain", "message/delivery-status", "message/rfc822"], parsed.Parts);
        Assert.Equal(2, parsed.Groups.Count);
        Assert.Contains(["Action", "delayed"], parsed.Groups[1]);
        Assert.Contains(["Status", "4.4.1"], parsed.Groups[1]);
    }
}
