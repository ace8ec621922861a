using System.Buffers;
using System.Text;
using Appliance.Mta.Dkim;
using Appliance.Mta.Messages;
using Appliance.Mta.Reception;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace Appliance.Mta.Tests.Dkim;

public sealed class DkimSigningFilterTests
{
    private const string Tenant = "t1";
    private const string Owned = "From: Shop <news@Example.COM>\r\nTo: b@example.net\r\nSubject: hi\r\n\r\nbody\r\n";
    private const string Foreign = "From: someone@other.example\r\nTo: b@example.net\r\nSubject: hi\r\n\r\nbody\r\n";

    [Theory]
    [InlineData(FromDomainEnforcement.Off)]
    [InlineData(FromDomainEnforcement.SignOwnOnly)]
    [InlineData(FromDomainEnforcement.Reject)]
    public async Task Owned_domain_is_signed_with_every_key_of_its_plan_and_the_original_follows(FromDomainEnforcement enforcement)
    {
        var (filter, provider) = Create(enforcement);
        var message = Message(Owned);

        var verdict = await filter.FilterAsync(message, CancellationToken.None);

        Assert.False(verdict.IsStop);
        Assert.Equal(["example.com"], provider.Asked); // lower-cased before asking
        var signed = message.Content.ToArray();
        var original = Encoding.ASCII.GetBytes(Owned);
        Assert.Equal(original, signed[^original.Length..]);
        Assert.Equal([true, true], PythonDkim.Verify(signed, DkimTestKeys.Records));
    }

    [Fact]
    public async Task Foreign_domain_under_Reject_gets_550_5_7_1()
    {
        var (filter, _) = Create(FromDomainEnforcement.Reject);

        var verdict = await filter.FilterAsync(Message(Foreign), CancellationToken.None);

        Assert.True(verdict.IsStop);
        Assert.Equal(550, verdict.Reply!.Code);
        Assert.Equal("5.7.1", verdict.Reply.Enhanced.ToString());
        Assert.Equal("From: domain other.example is not a sending domain of this account", verdict.Reply.Text);
    }

    [Theory]
    [InlineData(FromDomainEnforcement.SignOwnOnly)]
    [InlineData(FromDomainEnforcement.Off)]
    public async Task Foreign_domain_otherwise_passes_unsigned(FromDomainEnforcement enforcement)
    {
        var (filter, _) = Create(enforcement);
        var message = Message(Foreign);

        var verdict = await filter.FilterAsync(message, CancellationToken.None);

        Assert.False(verdict.IsStop);
        Assert.Equal(Foreign, Encoding.ASCII.GetString(message.Content.ToArray()));
    }

    [Theory]
    [InlineData(FromDomainEnforcement.Reject, true)]
    [InlineData(FromDomainEnforcement.SignOwnOnly, false)]
    public async Task Message_without_a_From_domain_is_rejected_only_under_Reject(FromDomainEnforcement enforcement, bool rejected)
    {
        var (filter, _) = Create(enforcement);
        foreach (var content in new[] { "To: b@example.net\r\n\r\nno from\r\n", "From: undisclosed-recipients:;\r\n\r\nx\r\n", "\r\nno headers\r\n", "" })
        {
            var message = Message(content);
            var verdict = await filter.FilterAsync(message, CancellationToken.None);
            Assert.Equal(rejected, verdict.IsStop);
            if (rejected) Assert.Equal(550, verdict.Reply!.Code);
            Assert.Equal(content, Encoding.ASCII.GetString(message.Content.ToArray()));
        }
    }

    [Theory]
    [InlineData(true, false)]
    [InlineData(false, true)]
    public async Task Inbound_mail_and_DSNs_are_skipped(bool inbound, bool dsn)
    {
        var (filter, provider) = Create(FromDomainEnforcement.Reject);
        var message = Message(Foreign, inbound, dsn);

        var verdict = await filter.FilterAsync(message, CancellationToken.None);

        Assert.False(verdict.IsStop);
        Assert.Empty(provider.Asked);
        Assert.Equal(Foreign, Encoding.ASCII.GetString(message.Content.ToArray()));
    }

    [Fact]
    public async Task Internationalised_From_domain_is_asked_for_as_an_A_label()
    {
        var (filter, provider) = Create(FromDomainEnforcement.Off);
        var content = "From: Büro <info@bücher.example>\r\nSubject: x\r\n\r\nbody\r\n";

        await filter.FilterAsync(new ReceptionMessage(Envelope(false, false), new ReadOnlySequence<byte>(Encoding.UTF8.GetBytes(content))), CancellationToken.None);

        Assert.Equal(["xn--bcher-kva.example"], provider.Asked);
    }

    [Fact]
    public async Task A_broken_key_passes_the_message_on_unsigned_instead_of_throwing()
    {
        var (filter, provider) = Create(FromDomainEnforcement.Reject);
        provider.Plans[(Tenant, "example.com")] = new DkimSigningPlan("example.com", [new DkimSigningKey("bad", DkimKeyAlgorithm.RsaSha256, "not a pem")]);
        var message = Message(Owned);

        var verdict = await filter.FilterAsync(message, CancellationToken.None);

        Assert.False(verdict.IsStop);
        Assert.Equal(Owned, Encoding.ASCII.GetString(message.Content.ToArray()));
    }

    [Fact]
    public async Task A_message_arriving_before_the_keys_are_loaded_waits_for_them_without_blocking()
    {
        var (filter, provider) = Create(FromDomainEnforcement.Reject);
        provider.Loading = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var message = Message(Owned);

        var pending = filter.FilterAsync(message, CancellationToken.None);

        Assert.False(pending.IsCompleted); // returned to the caller instead of blocking its thread
        Assert.Empty(provider.Asked);
        provider.Loading.SetResult();
        var verdict = await pending;
        Assert.False(verdict.IsStop);
        Assert.Equal(["example.com"], provider.Asked);
        Assert.NotEqual(Owned, Encoding.ASCII.GetString(message.Content.ToArray())); // signed
    }

    [Fact]
    public async Task Waiting_for_the_keys_ends_with_the_reception_cancellation()
    {
        var (filter, provider) = Create(FromDomainEnforcement.Reject);
        provider.Loading = new TaskCompletionSource();
        using var cts = new CancellationTokenSource();

        var pending = filter.FilterAsync(Message(Owned), cts.Token).AsTask();
        await cts.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => pending);
    }

    [Theory]
    [InlineData(FromDomainEnforcement.Off, false)]
    [InlineData(FromDomainEnforcement.SignOwnOnly, false)]
    [InlineData(FromDomainEnforcement.Reject, true)]
    public async Task A_tenant_without_any_key_is_not_parsed_unless_held_to_Reject(FromDomainEnforcement enforcement, bool asked)
    {
        var (filter, provider) = Create(enforcement);
        provider.Plans.Clear(); // the tenant owns no sending domain
        var message = Message(Foreign);

        var verdict = await filter.FilterAsync(message, CancellationToken.None);

        Assert.Equal(asked, verdict.IsStop); // under Reject the From: is still read, and a foreign one refused
        Assert.Equal(asked ? ["other.example"] : [], provider.Asked);
        Assert.Equal(Foreign, Encoding.ASCII.GetString(message.Content.ToArray()));
    }

    [Fact]
    public void Runs_last_as_the_signing_step()
    {
        Assert.Equal(900, Create(FromDomainEnforcement.Off).Filter.Order);
    }

    private static (DkimSigningFilter Filter, FakeDkimKeyProvider Provider) Create(FromDomainEnforcement enforcement)
    {
        var provider = new FakeDkimKeyProvider(enforcement);
        provider.Plans[(Tenant, "example.com")] = DkimTestKeys.Plan("dual");
        var filter = new DkimSigningFilter(provider, new FakeTimeProvider(DateTimeOffset.UnixEpoch.AddYears(56)), NullLogger<DkimSigningFilter>.Instance);
        return (filter, provider);
    }

    private static ReceptionMessage Message(string content, bool inbound = false, bool dsn = false) =>
        new(Envelope(inbound, dsn), new ReadOnlySequence<byte>(Encoding.ASCII.GetBytes(content)));

    private static MessageEnvelope Envelope(bool inbound, bool dsn) => new()
    {
        MailFrom = dsn ? "" : "bounce@example.com",
        Recipients = [new EnvelopeRecipient("b@example.net")],
        TenantId = Tenant,
        ReceivedAt = DateTimeOffset.UnixEpoch,
        ClientAddress = "192.0.2.1",
        Inbound = inbound,
        IsDsn = dsn,
    };
}
