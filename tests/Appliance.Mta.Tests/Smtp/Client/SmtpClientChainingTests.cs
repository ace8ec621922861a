using System.Net;
using System.Net.Sockets;
using System.Text;
using Appliance.Mta.Smtp.Client;
using static Appliance.Mta.Tests.Smtp.Client.ClientTestData;

namespace Appliance.Mta.Tests.Smtp.Client;

/// <summary>RFC 2920 §3.1 across transactions: the next transaction's group carried behind the final dot.</summary>
public class SmtpClientChainingTests
{
    private static readonly ClientTimeouts Short = ClientTimeouts.All(TimeSpan.FromSeconds(3));

    private static readonly string[] FirstGroupThenHeldDot =
        [Greeting, EhloFull, "<read:3>", "=250 ok", "=250 ok", "=354 go", "<read-data>", "<read:3>"];

    [Fact]
    public async Task The_next_group_goes_behind_the_dot_and_the_reply_to_the_dot_may_wait_for_it()
    {
        await using var server = new ScriptedSmtpServer([.. FirstGroupThenHeldDot, "=250 queued 1", "=250 ok", "=250 ok", "=354 go", "250 queued 2"]);
        await using var connection = await ConnectAsync(server, timeouts: Short);
        var first = Message("One\r\n", "a@mx.test");
        var second = Message("Two\r\n", "b@mx.test");

        var r1 = await connection.SendAsync(first, second, default);
        Assert.Same(second, connection.Carried);
        var r2 = await connection.SendAsync(second, default);

        Assert.Equal("queued 1", Assert.Single(r1.PerRecipient).Text);
        Assert.Equal("queued 2", Assert.Single(r2.PerRecipient).Text);
        Assert.Null(connection.Carried);
        Assert.True(connection.IsUsable);
        Assert.Equal(2, connection.MessagesSent);
        Assert.EndsWith(
            "DATA\r\nOne\r\n.\r\nMAIL FROM:<sender@client.test> SIZE=5\r\nRCPT TO:<b@mx.test>\r\nDATA\r\nTwo\r\n.\r\n", server.Received);
    }

    [Fact]
    public async Task A_refused_dot_does_not_affect_the_carried_transaction()
    {
        await using var server = new ScriptedSmtpServer([.. FirstGroupThenHeldDot, "=554 5.7.1 content rejected", "=250 ok", "=250 ok", "=354 go", "250 queued 2"]);
        await using var connection = await ConnectAsync(server, timeouts: Short);
        var second = Message("Two\r\n", "b@mx.test");

        var r1 = await connection.SendAsync(Message("One\r\n", "a@mx.test"), second, default);
        var r2 = await connection.SendAsync(second, default);

        Assert.Equal(554, Assert.Single(r1.PerRecipient).Code);
        Assert.Equal(250, Assert.Single(r2.PerRecipient).Code);
        Assert.DoesNotContain("RSET", server.Received);
    }

    [Fact]
    public async Task A_refused_carried_mail_is_settled_as_in_any_pipelined_transaction_and_the_first_still_succeeds()
    {
        await using var server = new ScriptedSmtpServer(
        [
            .. FirstGroupThenHeldDot, "=250 queued 1", "=550 5.7.1 sender blocked", "=503 5.5.1 no MAIL", "=503 5.5.1 no MAIL",
            "<read:3>", "=250 ok", "=250 ok", "=354 go", "250 queued 3",
        ]);
        await using var connection = await ConnectAsync(server, timeouts: Short);
        var second = Message("Two\r\n", "b@mx.test");

        var r1 = await connection.SendAsync(Message("One\r\n", "a@mx.test"), second, default);
        var r2 = await connection.SendAsync(second, default);
        var r3 = await connection.SendAsync(Message("Three\r\n", "c@mx.test"), default);

        Assert.Equal(250, Assert.Single(r1.PerRecipient).Code);
        Assert.Equal("550 5.7.1 sender blocked", Assert.Single(r2.PerRecipient).ToString());
        Assert.Equal(250, Assert.Single(r3.PerRecipient).Code);
        Assert.DoesNotContain("Two", server.Received);
    }

    [Fact]
    public async Task A_421_to_the_dot_leaves_the_carried_transaction_unattempted_and_the_link_unusable()
    {
        await using var server = new ScriptedSmtpServer([.. FirstGroupThenHeldDot, "=421 4.3.2 shutting down", "<close-now>"]);
        await using var connection = await ConnectAsync(server, timeouts: Short);
        var second = Message("Two\r\n", "b@mx.test");

        var r1 = await connection.SendAsync(Message("One\r\n", "a@mx.test"), second, default);

        Assert.Equal(421, Assert.Single(r1.PerRecipient).Code);
        Assert.False(r1.LinkBroken);
        Assert.False(connection.IsUsable);
        Assert.Same(second, connection.Carried);
        Assert.DoesNotContain("Two", server.Received);
        await Assert.ThrowsAsync<InvalidOperationException>(() => connection.SendAsync(second, default));
    }

    [Fact]
    public async Task Only_the_carried_message_may_follow()
    {
        await using var server = new ScriptedSmtpServer([.. FirstGroupThenHeldDot, "=250 queued 1", "=250 ok", "=250 ok", "=354 go"]);
        await using var connection = await ConnectAsync(server, timeouts: Short);

        await connection.SendAsync(Message("One\r\n", "a@mx.test"), Message("Two\r\n", "b@mx.test"), default);

        await Assert.ThrowsAsync<InvalidOperationException>(() => connection.SendAsync(Message("Other\r\n", "c@mx.test"), default));
    }

    [Fact]
    public async Task Without_pipelining_nothing_is_carried_and_the_next_message_goes_lock_step()
    {
        await using var server = new ScriptedSmtpServer(
            [Greeting, EhloPlain, "250 ok", "250 ok", "354 go", "250 queued 1", "250 ok", "250 ok", "354 go", "250 queued 2"]);
        await using var connection = await ConnectAsync(server, timeouts: Short);
        var second = Message("Two\r\n", "b@mx.test");

        Assert.False(connection.CanCarry(second));
        var r1 = await connection.SendAsync(Message("One\r\n", "a@mx.test"), second, default);
        Assert.Null(connection.Carried);
        var r2 = await connection.SendAsync(second, default);

        Assert.Equal(250, Assert.Single(r1.PerRecipient).Code);
        Assert.Equal("queued 2", Assert.Single(r2.PerRecipient).Text);
    }

    [Fact]
    public async Task A_message_the_peer_would_refuse_for_its_size_is_not_carried()
    {
        await using var server = new ScriptedSmtpServer([Greeting, "250-mx.test\r\n250-PIPELINING\r\n250 SIZE 100"]);
        await using var connection = await ConnectAsync(server, timeouts: Short);

        Assert.True(connection.CanCarry(Message("small\r\n", "a@mx.test")));
        Assert.False(connection.CanCarry(Message(new string('x', 101), "a@mx.test")));
    }

    [Fact]
    public async Task The_dot_and_the_next_group_leave_in_one_write()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var peer = Task.Run(async () =>
        {
            using var client = await listener.AcceptTcpClientAsync();
            var stream = client.GetStream();
            var buffer = new byte[65536];
            async Task Say(string s) => await stream.WriteAsync(Encoding.ASCII.GetBytes(s + "\r\n"));
            async Task<string> ReadUntil(string end)
            {
                var text = "";
                while (!text.EndsWith(end, StringComparison.Ordinal))
                {
                    var n = await stream.ReadAsync(buffer);
                    if (n == 0) throw new IOException("closed");
                    text += Encoding.ASCII.GetString(buffer, 0, n);
                }
                return text;
            }
            await Say(Greeting);
            await ReadUntil("\r\n");
            await Say(EhloFull);
            await ReadUntil("DATA\r\n");
            await Say("250 ok\r\n250 ok\r\n354 go");
            // One read: the first segment after the 354 holds the content, its dot and the next group.
            var n = await stream.ReadAsync(buffer);
            var segment = Encoding.ASCII.GetString(buffer, 0, n);
            await Say("250 queued 1\r\n250 ok\r\n250 ok\r\n354 go");
            await ReadUntil("\r\n.\r\n");
            await Say("250 queued 2");
            return segment;
        });
        var outcome = await SmtpClientConnection.ConnectAsync(Request((IPEndPoint)listener.LocalEndpoint, timeouts: Short), default);
        await using var connection = outcome.Connection!;
        var second = Message("Two\r\n", "b@mx.test");

        await connection.SendAsync(Message("One\r\n", "a@mx.test"), second, default);
        await connection.SendAsync(second, default);

        Assert.Equal("One\r\n.\r\nMAIL FROM:<sender@client.test> SIZE=5\r\nRCPT TO:<b@mx.test>\r\nDATA\r\n", await peer);
    }
}
