using System.Text.Json;
using Appliance.IntegrationTests.Infrastructure;
using Xunit.Abstractions;

namespace Appliance.IntegrationTests.Scenarios;

/// <summary>
/// Python clients on the relay port (no AUTH, from 127.0.0.1): RFC 2920 pipelined command groups
/// over one connection, and Python's smtplib with STARTTLS sending several messages.
/// </summary>
public sealed class SmtplibPipeliningTests(MailEnvironment env, ITestOutputHelper output) : IClassFixture<MailEnvironment>
{
    private const int Count = 4;

    private static string Script => Path.Combine(AppContext.BaseDirectory, "peers", "smtp_client.py");

    [IntegrationFact(MailEnvironment.Requires)]
    public async Task PipelinedGroups_OverOneConnection_AreAllAnsweredInOrderAndDelivered()
    {
        var t = TestMessages.Token();
        string[] rcpts = [$"p1-{t}@{TestZone.Single}", $"p2-{t}@{TestZone.Single}"];

        using var doc = await RunAsync("pipeline", t, rcpts);
        var root = doc.RootElement;

        Assert.Equal(220, root.GetProperty("greeting").GetInt32());
        Assert.True(root.GetProperty("pipelining_advertised").GetBoolean(), "EHLO did not advertise PIPELINING (RFC 2920)");
        var messages = root.GetProperty("messages").EnumerateArray().ToList();
        Assert.Equal(Count, messages.Count);
        foreach (var m in messages)
        {
            Assert.Equal(250, Code(m.GetProperty("mail")));
            Assert.All(m.GetProperty("rcpt").EnumerateArray(), r => Assert.Equal(250, Code(r)));
            Assert.Equal(354, Code(m.GetProperty("data")));
            Assert.Equal(250, Code(m.GetProperty("end")));
        }

        Assert.Equal(221, Code(root.GetProperty("quit")));
        await AssertDeliveredAsync(t, rcpts);
    }

    [IntegrationFact(MailEnvironment.Requires)]
    public async Task Smtplib_StartTlsThenSeveralMessages_AllDelivered()
    {
        var t = TestMessages.Token();
        string[] rcpts = [$"s1-{t}@{TestZone.Single}", $"s2-{t}@{TestZone.Implicit}"];

        using var doc = await RunAsync("smtplib", t, rcpts);
        var root = doc.RootElement;

        Assert.True(root.GetProperty("starttls_advertised").GetBoolean(), "relay listener did not offer STARTTLS");
        Assert.Equal(220, root.GetProperty("starttls")[0].GetInt32());
        var messages = root.GetProperty("messages").EnumerateArray().ToList();
        Assert.Equal(Count, messages.Count);
        Assert.All(messages, m => Assert.Empty(m.GetProperty("refused").EnumerateObject()));
        await AssertDeliveredAsync(t, rcpts);
    }

    private static int Code(JsonElement reply) => reply[0].GetInt32();

    private async Task<JsonDocument> RunAsync(string mode, string token, string[] rcpts)
    {
        var args = new List<string>
        {
            Script, mode, "--port", env.Appliance.Settings.RelayPort.ToString(),
            "--sender", $"pipe-{token}@{TestZone.SenderDomain}", "--count", Count.ToString(), "--token", token,
        };
        foreach (var r in rcpts)
        {
            args.Add("--rcpt");
            args.Add(r);
        }

        var (code, text) = await ProcessRunner.RunAsync(ToolPaths.Python, args, TimeSpan.FromSeconds(120));
        output.WriteLine(text);
        Assert.True(code == 0, $"{mode} client failed: {text}");
        return JsonDocument.Parse(text.Trim().Split('\n')[^1]);
    }

    private async Task AssertDeliveredAsync(string token, string[] rcpts)
    {
        var expected = Enumerable.Range(0, Count).Select(i => $"<{token}.{i}@client.example>").ToHashSet();
        foreach (var rcpt in rcpts)
        {
            var mx = rcpt.EndsWith(TestZone.Implicit, StringComparison.Ordinal) ? TestZone.ImplicitA : TestZone.SingleMx;
            var ok = await Eventually.TryAsync(() => Ids(mx, rcpt).Count >= Count, TimeSpan.FromSeconds(30));
            Assert.True(ok, $"{rcpt}: got {string.Join(",", Ids(mx, rcpt))}\n{await env.DiagnosticsAsync()}");
            var got = Ids(mx, rcpt);
            Assert.True(got.ToHashSet().SetEquals(expected), $"{rcpt}: delivered {string.Join(",", got)}");
            Assert.Equal(Count, got.Count); // each message exactly once per recipient
        }
    }

    private List<string> Ids(string mx, string rcpt) =>
        [.. env.Sink.MessagesFor(mx, rcpt).Select(m => RawMessage.Parse(m.Data).Value("Message-ID") ?? "?")];
}
