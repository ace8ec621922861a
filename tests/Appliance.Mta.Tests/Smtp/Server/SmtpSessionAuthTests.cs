using System.Security.Cryptography;
using System.Text;
using Appliance.Mta.Events;
using Appliance.Mta.Smtp.Server;
using Appliance.Mta.Tests.Smtp.Server.Fakes;
using static Appliance.Mta.Tests.Smtp.Server.Fakes.SessionHarness;

namespace Appliance.Mta.Tests.Smtp.Server;

/// <summary>AUTH PLAIN / LOGIN / SCRAM-SHA-256 (RFC 4954, 4616, 5802, 7677) and the per-IP lockout.</summary>
public class SmtpSessionAuthTests
{
    private static string Script(params string[] lines) => string.Join("\r\n", lines) + "\r\n";

    [Theory]
    [InlineData(FeedMode.Whole)]
    [InlineData(FeedMode.ByteByByte)]
    [InlineData(FeedMode.LineByLine)]
    public async Task Auth_plain_with_initial_response_succeeds_and_sets_tenant_and_stream(FeedMode mode)
    {
        var h = new SessionHarness();
        var output = await h.RunScriptAsync(Script("EHLO c.example", "AUTH PLAIN " + Base64("\0alice\0secret-pw"),
            "MAIL FROM:<a@example.com> AUTH=<a@example.com>", "RCPT TO:<b@example.org>", "DATA", "X-Stream: marketing", "", "x", ".", "AUTH PLAIN"), mode);
        Assert.Equal(["235 2.7.0 Authentication successful", "250 2.1.0 Sender ok", "250 2.1.5 Recipient ok",
            "354 End data with <CR><LF>.<CR><LF>", "250 2.0.0 Ok queued as Q1", "503 5.5.1 Already authenticated"], Replies(output)[2..]);
        var (env, text) = h.Sink.Single();
        Assert.Equal("tenant-a", env.TenantId);
        Assert.Equal("alice", env.AuthUser);
        Assert.Equal("transactional", env.Stream); // the credential's stream wins over X-Stream
        Assert.Contains(" with ESMTPA id ", text);
        Assert.DoesNotContain("X-Stream", text);
    }

    [Theory]
    [InlineData(FeedMode.Whole)]
    [InlineData(FeedMode.ByteByByte)]
    public async Task Auth_plain_after_empty_challenge_and_login_work(FeedMode mode)
    {
        var h = new SessionHarness();
        var output = await h.RunScriptAsync(Script("EHLO c.example", "AUTH PLAIN", Base64("bob\0bob\0bob-pw"), "QUIT"), mode);
        Assert.Equal(["334 ", "235 2.7.0 Authentication successful", "221 2.0.0 Bye"], Replies(output)[2..]);

        output = await h.RunScriptAsync(Script("EHLO c.example", "AUTH LOGIN", Base64("bob"), Base64("bob-pw")), mode);
        Assert.Equal(["334 VXNlcm5hbWU6", "334 UGFzc3dvcmQ6", "235 2.7.0 Authentication successful"], Replies(output)[2..]);

        output = await h.RunScriptAsync(Script("EHLO c.example", "AUTH LOGIN " + Base64("bob"), Base64("bob-pw")), mode);
        Assert.Equal(["334 UGFzc3dvcmQ6", "235 2.7.0 Authentication successful"], Replies(output)[2..]);
    }

    [Fact]
    public async Task Auth_failures_cancel_and_garbage_get_the_rfc4954_codes()
    {
        var h = new SessionHarness();
        var output = await h.RunScriptAsync(Script("EHLO c.example",
            "AUTH PLAIN " + Base64("\0alice\0wrong"),
            "AUTH PLAIN " + Base64("\0nobody\0x"),
            "AUTH LOGIN", "*",
            "AUTH PLAIN !!!notbase64",
            "AUTH PLAIN " + Base64("bob\0alice\0secret-pw"), // proxy authorisation is refused
            "AUTH CRAM-MD5",
            "AUTH"));
        Assert.Equal(["535 5.7.8 Authentication credentials invalid", "535 5.7.8 Authentication credentials invalid",
            "334 VXNlcm5hbWU6", "501 5.0.0 Authentication cancelled", "501 5.5.2 Cannot decode response",
            "535 5.7.8 Authentication credentials invalid", "504 5.5.4 Unrecognized authentication type",
            "501 5.5.4 Syntax error in parameters or arguments"], Replies(output)[2..]);
        Assert.Empty(h.Sink.Messages);
    }

    [Fact]
    public async Task Auth_in_plaintext_from_outside_relay_hosts_gets_538()
    {
        var h = new SessionHarness();
        var output = await h.RunScriptAsync(Script("EHLO c.example", "AUTH PLAIN " + Base64("\0alice\0secret-pw")), client: OutsideIp);
        Assert.Equal("538 5.7.11 Encryption required for requested authentication mechanism", Replies(output)[^1]);
    }

    [Fact]
    public async Task Lockout_after_n_failures_until_window_passes()
    {
        var h = new SessionHarness(o =>
        {
            o.Smtp.AuthFailureLimit = 3;
            o.Smtp.AuthLockoutWindow = TimeSpan.FromMinutes(10);
        });
        var bad = "AUTH PLAIN " + Base64("\0alice\0nope");
        var good = "AUTH PLAIN " + Base64("\0alice\0secret-pw");
        var output = await h.RunScriptAsync(Script("EHLO c.example", bad, bad));
        Assert.Equal(["535 5.7.8 Authentication credentials invalid", "535 5.7.8 Authentication credentials invalid"], Replies(output)[2..]);

        // The third failure arrives on another connection from the same IP: the count is per IP.
        h.Time.Advance(TimeSpan.FromMinutes(1));
        output = await h.RunScriptAsync(Script("EHLO c.example", bad, good));
        Assert.Equal(["535 5.7.8 Authentication credentials invalid", "454 4.7.0 Too many failed authentications; try again later"],
            Replies(output)[2..]);
        var rejection = Assert.Single(h.Events.Events);
        Assert.Equal(MtaEventType.Rejection, rejection.Type);
        Assert.Equal(454, rejection.Code);

        // Still locked nine minutes after the first failure.
        h.Time.Advance(TimeSpan.FromMinutes(8));
        output = await h.RunScriptAsync(Script("EHLO c.example", good));
        Assert.Equal("454 4.7.0 Too many failed authentications; try again later", Replies(output)[^1]);

        // Ten minutes after the first failure one of the three has aged out.
        h.Time.Advance(TimeSpan.FromMinutes(1));
        output = await h.RunScriptAsync(Script("EHLO c.example", good));
        Assert.Equal("235 2.7.0 Authentication successful", Replies(output)[^1]);
    }

    [Fact]
    public async Task Lockout_is_per_ip()
    {
        var h = new SessionHarness(o => { o.Smtp.AuthFailureLimit = 1; o.Smtp.RelayHosts = [.. o.Smtp.RelayHosts, "10.0.0.0/8"]; });
        await h.RunScriptAsync(Script("EHLO c.example", "AUTH PLAIN " + Base64("\0alice\0nope")));
        var output = await h.RunScriptAsync(Script("EHLO c.example", "AUTH PLAIN " + Base64("\0alice\0secret-pw")),
            client: System.Net.IPAddress.Parse("10.1.2.3"));
        Assert.Equal("235 2.7.0 Authentication successful", Replies(output)[^1]);
    }

    [Fact]
    public async Task Logs_record_user_ip_and_outcome_but_never_the_password_or_payload()
    {
        var h = new SessionHarness();
        var payload = Base64("\0alice\0secret-pw");
        var wrong = Base64("\0alice\0Sup3rS3cret!");
        await h.RunScriptAsync(Script("EHLO c.example", "AUTH PLAIN " + wrong, "AUTH LOGIN", Base64("alice"), Base64("Sup3rS3cret!"), "AUTH PLAIN " + payload));
        var logs = h.Logger.AllText;
        Assert.Contains("user=alice ip=127.0.0.1 outcome=failed", logs);
        Assert.Contains("user=alice ip=127.0.0.1 outcome=success", logs);
        foreach (var secret in new[] { "secret-pw", "Sup3rS3cret!", payload, wrong, Base64("Sup3rS3cret!") })
            Assert.DoesNotContain(secret, logs);
    }

    [Fact]
    public async Task Scram_sha_256_full_exchange_verifies_server_signature()
    {
        var h = new SessionHarness();
        var (stream, session) = h.Start();
        var client = new TestClient(stream);
        await client.ReadReplyAsync();
        await client.CommandAsync("EHLO c.example");

        const string clientNonce = "rOprNGfwEbeRWgbNEkqO";
        var clientFirstBare = $"n=alice,r={clientNonce}";
        var challenge = await client.CommandAsync("AUTH SCRAM-SHA-256 " + Base64("n,," + clientFirstBare));
        Assert.StartsWith("334 ", challenge);
        var serverFirst = Encoding.UTF8.GetString(Convert.FromBase64String(challenge[4..]));
        var fields = serverFirst.Split(',').ToDictionary(f => f[..1], f => f[2..]);
        Assert.StartsWith(clientNonce, fields["r"]);
        Assert.True(fields["r"].Length > clientNonce.Length);

        // Client side computed independently (RFC 5802 §3) from the password.
        var salted = Rfc2898DeriveBytes.Pbkdf2(Encoding.UTF8.GetBytes("secret-pw"), Convert.FromBase64String(fields["s"]),
            int.Parse(fields["i"], System.Globalization.CultureInfo.InvariantCulture), HashAlgorithmName.SHA256, 32);
        var clientKey = HMACSHA256.HashData(salted, "Client Key"u8);
        var storedKey = SHA256.HashData(clientKey);
        var withoutProof = $"c=biws,r={fields["r"]}";
        var authMessage = Encoding.UTF8.GetBytes($"{clientFirstBare},{serverFirst},{withoutProof}");
        var signature = HMACSHA256.HashData(storedKey, authMessage);
        var proof = clientKey.Select((b, i) => (byte)(b ^ signature[i])).ToArray();
        var expectedServerSignature = HMACSHA256.HashData(HMACSHA256.HashData(salted, "Server Key"u8), authMessage);

        var final = await client.CommandAsync(Base64($"{withoutProof},p={Convert.ToBase64String(proof)}"));
        Assert.StartsWith("334 ", final);
        Assert.Equal("v=" + Convert.ToBase64String(expectedServerSignature), Encoding.UTF8.GetString(Convert.FromBase64String(final[4..])));
        Assert.Equal("235 2.7.0 Authentication successful", await client.CommandAsync(""));
        Assert.Equal("221 2.0.0 Bye", await client.CommandAsync("QUIT"));
        await session.WaitAsync(TimeSpan.FromSeconds(30));
    }

    [Theory]
    [InlineData("p=tls-unique,,n=alice,r=abc")] // channel binding requested: not offered
    [InlineData("n,,m=ext,n=alice,r=abc")]      // mandatory extension
    [InlineData("n,,r=abc")]                    // no username
    public async Task Scram_bad_client_first_is_refused_with_535(string clientFirst)
    {
        var output = await new SessionHarness().RunScriptAsync(Script("EHLO c.example", "AUTH SCRAM-SHA-256 " + Base64(clientFirst)));
        Assert.Equal("535 5.7.8 Authentication credentials invalid", Replies(output)[^1]);
    }

    [Fact]
    public async Task Scram_wrong_proof_is_refused_and_unknown_user_is_not_revealed()
    {
        var h = new SessionHarness();
        foreach (var user in new[] { "alice", "nobody" })
        {
            var (stream, session) = h.Start();
            var client = new TestClient(stream);
            await client.ReadReplyAsync();
            await client.CommandAsync("EHLO c.example");
            var challenge = await client.CommandAsync("AUTH SCRAM-SHA-256 " + Base64($"n,,n={user},r=nonce1"));
            Assert.StartsWith("334 ", challenge); // both users get a salt and iteration count
            var nonce = Encoding.UTF8.GetString(Convert.FromBase64String(challenge[4..])).Split(',')[0][2..];
            var reply = await client.CommandAsync(Base64($"c=biws,r={nonce},p={Convert.ToBase64String(new byte[32])}"));
            Assert.Equal("535 5.7.8 Authentication credentials invalid", reply);
            await client.CommandAsync("QUIT");
            await session.WaitAsync(TimeSpan.FromSeconds(30));
        }
    }
}
