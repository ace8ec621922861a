using System.Net;
using System.Net.Sockets;
using System.Text;
using Appliance.Mta.Messages;
using Appliance.Mta.Smtp;
using Appliance.Mta.Smtp.Client;
using static Appliance.Mta.Tests.Smtp.Client.ClientTestData;

namespace Appliance.Mta.Tests.Smtp.Client;

public class SmtpClientConnectionTests
{
    private const string Content = "Subject: hi\r\n\r\n.leading dot\r\nmiddle\r\n..two\r\nlast line";
    private const string Stuffed = "Subject: hi\r\n\r\n..leading dot\r\nmiddle\r\n...two\r\nlast line\r\n.\r\n";

    [Theory]
    [InlineData(ReplyFeed.Whole)]
    [InlineData(ReplyFeed.ByteByByte)]
    public async Task Pipelined_transaction_sends_one_group_and_settles_each_recipient(ReplyFeed feed)
    {
        await using var server = new ScriptedSmtpServer(
        [
            Greeting, EhloFull,
            "<read:5>", "=250 2.1.0 sender ok", "=250 2.1.5 ok", "=550 5.1.1 no such user", "=450 4.2.1 mailbox busy", "=354 go ahead",
            "250 2.0.0 queued as X1",
        ], feed);
        await using var connection = await ConnectAsync(server);
        var message = new OutboundMessage(
            "sender@client.test",
            [new EnvelopeRecipient("a@mx.test", DsnNotify.Failure | DsnNotify.Delay, "rfc822;a@mx.test"), new EnvelopeRecipient("b@mx.test"), new EnvelopeRecipient("c@mx.test", DsnNotify.Never)],
            Encoding.UTF8.GetBytes(Content), "env 1", DsnReturn.Headers, BodyType.EightBitMime, false);

        var result = await connection.SendAsync(message, default);

        Assert.Equal(
            "EHLO client.test\r\n" +
            $"MAIL FROM:<sender@client.test> SIZE={Encoding.UTF8.GetByteCount(Content)} BODY=8BITMIME RET=HDRS ENVID=env+201\r\n" +
            "RCPT TO:<a@mx.test> NOTIFY=FAILURE,DELAY ORCPT=rfc822;a@mx.test\r\n" +
            "RCPT TO:<b@mx.test>\r\n" +
            "RCPT TO:<c@mx.test> NOTIFY=NEVER\r\n" +
            "DATA\r\n" + Stuffed,
            server.Received);
        Assert.Equal([250, 550, 450], result.PerRecipient.Select(r => r.Code));
        Assert.Equal("queued as X1", result.PerRecipient[0].Text);
        Assert.Equal("5.1.1", result.PerRecipient[1].Enhanced.ToString());
        Assert.Equal(250, result.MailReply!.Code);
        Assert.Equal(250, result.DataReply!.Code);
        Assert.False(result.LinkBroken);
        Assert.True(connection.IsUsable);
        Assert.Equal(1, connection.MessagesSent);
        Assert.Equal([DeliveryVerdict.Delivered, DeliveryVerdict.Permanent, DeliveryVerdict.Transient], result.PerRecipient.Select(ReplyClassifier.Classify));
    }

    [Theory]
    [InlineData(ReplyFeed.Whole)]
    [InlineData(ReplyFeed.ByteByByte)]
    public async Task Without_pipelining_commands_go_lock_step_and_no_extension_params_are_sent(ReplyFeed feed)
    {
        await using var server = new ScriptedSmtpServer(
            [Greeting, "250 mx.test", "250 ok", "550 5.1.1 unknown", "250 ok", "354 go", "250 done", "250 ok", "250 ok", "354 go", "250 done 2"], feed);
        await using var connection = await ConnectAsync(server);
        var message = new OutboundMessage("s@client.test", [new EnvelopeRecipient("x@mx.test", DsnNotify.Failure), new EnvelopeRecipient("y@mx.test")],
            Encoding.UTF8.GetBytes("A: b\r\n\r\nbody\r\n"), "id", DsnReturn.Full, BodyType.EightBitMime, false);

        var first = await connection.SendAsync(message, default);
        var second = await connection.SendAsync(message with { Recipients = [new EnvelopeRecipient("z@mx.test")] }, default);

        Assert.Equal(
            "EHLO client.test\r\nMAIL FROM:<s@client.test>\r\nRCPT TO:<x@mx.test>\r\nRCPT TO:<y@mx.test>\r\nDATA\r\nA: b\r\n\r\nbody\r\n.\r\n" +
            "MAIL FROM:<s@client.test>\r\nRCPT TO:<z@mx.test>\r\nDATA\r\nA: b\r\n\r\nbody\r\n.\r\n",
            server.Received);
        Assert.Equal([550, 250], first.PerRecipient.Select(r => r.Code));
        Assert.Equal("done 2", Assert.Single(second.PerRecipient).Text);
        Assert.Equal(2, connection.MessagesSent);
    }

    [Fact]
    public async Task All_recipients_refused_sends_no_content_and_resets_before_the_next_message()
    {
        await using var server = new ScriptedSmtpServer(
        [
            Greeting, EhloFull,
            "<read:4>", "=250 ok", "=550 5.1.1 no", "=551 5.1.6 moved", "=554 5.5.1 no valid recipients",
            "<read:4>", "=250 reset", "=250 ok", "=250 ok", "=354 go", "250 queued",
        ]);
        await using var connection = await ConnectAsync(server);

        var refused = await connection.SendAsync(Message("X: y\r\n\r\nz\r\n", "a@mx.test", "b@mx.test"), default);
        var next = await connection.SendAsync(Message("X: y\r\n\r\nz\r\n", "c@mx.test"), default);

        Assert.Equal([550, 551], refused.PerRecipient.Select(r => r.Code));
        Assert.Equal(554, refused.DataReply!.Code);
        Assert.Equal(250, Assert.Single(next.PerRecipient).Code);
        var transcript = server.Received;
        Assert.Contains("RCPT TO:<b@mx.test>\r\nDATA\r\nRSET\r\nMAIL FROM:<sender@client.test>", transcript);
        Assert.Single(transcript.Split("X: y", StringSplitOptions.None)[1..]);
    }

    [Fact]
    public async Task Refused_mail_from_settles_every_recipient_and_keeps_the_link_in_step()
    {
        await using var server = new ScriptedSmtpServer(
        [
            Greeting, EhloFull,
            "<read:4>", "=550 5.7.1 sender blocked", "=503 5.5.1 no MAIL", "=503 5.5.1 no MAIL", "=503 5.5.1 no MAIL",
            "<read:3>", "=250 ok", "=250 ok", "=354 go", "250 queued",
        ]);
        await using var connection = await ConnectAsync(server);

        var refused = await connection.SendAsync(Message("Body\r\n", "a@mx.test", "b@mx.test"), default);
        var next = await connection.SendAsync(Message("Body\r\n", "c@mx.test"), default);

        Assert.All(refused.PerRecipient, r => Assert.Equal("550 5.7.1 sender blocked", r.ToString()));
        Assert.Equal(250, Assert.Single(next.PerRecipient).Code);
        Assert.DoesNotContain("RSET", server.Received);
    }

    [Fact]
    public async Task A_421_mid_transaction_settles_every_pending_recipient_and_retires_the_connection()
    {
        await using var server = new ScriptedSmtpServer(
            [Greeting, EhloFull, "<read:5>", "=250 ok", "=550 5.1.1 no", "=250 ok", "=421 4.3.2 shutting down", "<close-now>"]);
        await using var connection = await ConnectAsync(server);

        var result = await connection.SendAsync(Message("x\r\n", "a@mx.test", "b@mx.test", "c@mx.test", "d@mx.test"), default);

        Assert.Equal([550, 421, 421, 421], result.PerRecipient.Select(r => r.Code));
        Assert.All(new[] { 1, 2, 3 }, i => Assert.Equal(DeliveryVerdict.Transient, ReplyClassifier.Classify(result.PerRecipient[i])));
        Assert.False(connection.IsUsable);
        Assert.False(result.LinkBroken);
        await Assert.ThrowsAsync<InvalidOperationException>(() => connection.SendAsync(Message("x\r\n", "a@mx.test"), default));
    }

    [Fact]
    public async Task A_421_to_the_final_dot_makes_accepted_recipients_transient()
    {
        await using var server = new ScriptedSmtpServer(
            [Greeting, EhloFull, "<read:4>", "=250 ok", "=250 ok", "=550 no", "=354 go", "421 4.4.2 timeout, closing"]);
        await using var connection = await ConnectAsync(server);

        var result = await connection.SendAsync(Message("x\r\n", "a@mx.test", "b@mx.test"), default);

        Assert.Equal([421, 550], result.PerRecipient.Select(r => r.Code));
        Assert.False(connection.IsUsable);
    }

    [Fact]
    public async Task Dropped_connection_after_data_is_transient_451_4_4_2_for_pending_recipients()
    {
        await using var server = new ScriptedSmtpServer(
            [Greeting, EhloFull, "<read:5>", "=250 ok", "=250 ok", "=550 5.1.1 no", "=250 ok", "=354 go", "<close>"]);
        await using var connection = await ConnectAsync(server);

        var result = await connection.SendAsync(Message("x\r\n", "a@mx.test", "b@mx.test", "c@mx.test"), default);

        Assert.True(result.LinkBroken);
        Assert.Equal([451, 550, 451], result.PerRecipient.Select(r => r.Code));
        Assert.Equal("4.4.2", result.PerRecipient[0].Enhanced.ToString());
        Assert.False(connection.IsUsable);
    }

    [Fact]
    public async Task Timeout_waiting_for_the_final_reply_breaks_the_link()
    {
        await using var server = new ScriptedSmtpServer([Greeting, EhloFull, "<read:3>", "=250 ok", "=250 ok", "=354 go", "<hang>"]);
        var timeouts = ClientTimeouts.All(TimeSpan.FromSeconds(20)) with { FinalDot = TimeSpan.FromMilliseconds(300) };
        await using var connection = await ConnectAsync(server, timeouts: timeouts);

        var result = await connection.SendAsync(Message("x\r\n", "a@mx.test"), default);

        Assert.True(result.LinkBroken);
        Assert.Equal("4.4.2", Assert.Single(result.PerRecipient).Enhanced.ToString());
        Assert.Contains("timeout", result.PerRecipient[0].Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Legacy_552_too_many_recipients_after_an_accepted_one_becomes_transient()
    {
        await using var server = new ScriptedSmtpServer(
            [Greeting, EhloFull, "<read:4>", "=250 ok", "=250 ok", "=552 too many recipients", "=354 go", "250 queued"]);
        await using var connection = await ConnectAsync(server);

        var result = await connection.SendAsync(Message("x\r\n", "a@mx.test", "b@mx.test"), default);

        Assert.Equal([250, 452], result.PerRecipient.Select(r => r.Code));
        Assert.Equal(DeliveryVerdict.Transient, ReplyClassifier.Classify(result.PerRecipient[1]));
    }

    [Fact]
    public async Task Smtputf8_message_to_a_peer_without_it_fails_550_5_6_7_without_sending()
    {
        await using var server = new ScriptedSmtpServer([Greeting, EhloPlain]);
        await using var connection = await ConnectAsync(server);
        var message = Message("Subject: héllo\r\n\r\nbody\r\n", "a@mx.test") with { SmtpUtf8 = true };

        var result = await connection.SendAsync(message, default);

        Assert.Equal("5.6.7", Assert.Single(result.PerRecipient).Enhanced.ToString());
        Assert.Equal(550, result.PerRecipient[0].Code);
        Assert.DoesNotContain("MAIL FROM", server.Received);
        Assert.True(connection.IsUsable);
    }

    [Fact]
    public async Task Smtputf8_is_declared_when_offered()
    {
        await using var server = new ScriptedSmtpServer([Greeting, EhloFull, "<read:3>", "=250 ok", "=250 ok", "=354 go", "250 queued"]);
        await using var connection = await ConnectAsync(server);
        var message = new OutboundMessage("sénder@client.test", [new EnvelopeRecipient("ü@mx.test")], Encoding.UTF8.GetBytes("x\r\n"), null, DsnReturn.Default, BodyType.EightBitMime, true);

        var result = await connection.SendAsync(message, default);

        Assert.Contains("MAIL FROM:<sénder@client.test> SIZE=3 BODY=8BITMIME SMTPUTF8\r\nRCPT TO:<ü@mx.test>\r\n", server.Received);
        Assert.Equal(250, Assert.Single(result.PerRecipient).Code);
    }

    [Fact]
    public async Task Message_larger_than_the_advertised_size_is_refused_locally()
    {
        await using var server = new ScriptedSmtpServer([Greeting, "250-mx.test\r\n250 SIZE 10"]);
        await using var connection = await ConnectAsync(server);

        var result = await connection.SendAsync(Message("this is more than ten bytes\r\n", "a@mx.test"), default);

        Assert.Equal("552 5.3.4", $"{result.PerRecipient[0].Code} {result.PerRecipient[0].Enhanced}");
        Assert.DoesNotContain("MAIL FROM", server.Received);
    }

    [Fact]
    public async Task Ehlo_refused_falls_back_to_helo()
    {
        await using var server = new ScriptedSmtpServer([Greeting, "502 5.5.1 EHLO not implemented", "250 mx.test", "250 ok", "250 ok", "354 go", "250 ok"]);
        await using var connection = await ConnectAsync(server);

        var result = await connection.SendAsync(Message("x\r\n", "a@mx.test"), default);

        Assert.StartsWith("EHLO client.test\r\nHELO client.test\r\nMAIL FROM:<sender@client.test>\r\n", server.Received);
        Assert.Equal(250, result.PerRecipient[0].Code);
    }

    [Theory]
    [InlineData("554 5.7.1 no service for you", true)]
    [InlineData("421 4.3.2 too busy", false)]
    public async Task Refusing_greeting_fails_the_connect(string greeting, bool permanent)
    {
        await using var server = new ScriptedSmtpServer([greeting]);

        var outcome = await SmtpClientConnection.ConnectAsync(Request(server.EndPoint), default);

        Assert.False(outcome.Succeeded);
        Assert.Equal(greeting, outcome.Failure!.ToString());
        Assert.Equal(permanent, outcome.Permanent);
    }

    [Fact]
    public async Task Helo_refused_after_ehlo_refused_is_permanent()
    {
        await using var server = new ScriptedSmtpServer([Greeting, "500 what", "550 5.7.1 go away"]);

        var outcome = await SmtpClientConnection.ConnectAsync(Request(server.EndPoint), default);

        Assert.True(outcome.Permanent);
        Assert.Equal(550, outcome.Failure!.Code);
    }

    [Fact]
    public async Task Connection_refused_is_transient_421_4_4_1()
    {
        int port;
        using (var probe = new TcpListener(IPAddress.Loopback, 0))
        {
            probe.Start();
            port = ((IPEndPoint)probe.LocalEndpoint).Port;
        }

        var outcome = await SmtpClientConnection.ConnectAsync(Request(new IPEndPoint(IPAddress.Loopback, port)), default);

        Assert.False(outcome.Succeeded);
        Assert.False(outcome.Permanent);
        Assert.Equal("421 4.4.1", $"{outcome.Failure!.Code} {outcome.Failure.Enhanced}");
    }

    [Fact]
    public async Task Local_address_is_used_as_source()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var accept = listener.AcceptTcpClientAsync();
        var request = Request((IPEndPoint)listener.LocalEndpoint) with { LocalAddress = IPAddress.Parse("127.0.0.7"), Timeouts = ClientTimeouts.All(TimeSpan.FromMilliseconds(200)) };

        var connecting = SmtpClientConnection.ConnectAsync(request, default);
        using var peer = await accept;
        var source = ((IPEndPoint)peer.Client.RemoteEndPoint!).Address;
        var outcome = await connecting;
        listener.Stop();

        Assert.Equal(IPAddress.Parse("127.0.0.7"), source);
        Assert.False(outcome.Succeeded); // no greeting: greeting timeout
    }

    [Fact]
    public async Task Quit_sends_quit_and_closes()
    {
        await using var server = new ScriptedSmtpServer([Greeting, EhloFull, "221 2.0.0 bye"]);
        var connection = await ConnectAsync(server);

        await connection.QuitAsync(default);

        Assert.EndsWith("QUIT\r\n", server.Received);
        Assert.False(connection.IsUsable);
        Assert.Equal($"mx.test [127.0.0.1]:{server.EndPoint.Port}", connection.RemoteDescription);
    }
}
