using Appliance.Mta.Smtp;
using Appliance.Mta.Smtp.Server.Protocol;

namespace Appliance.Mta.Tests.Smtp.Server;

/// <summary>Parser tables for EHLO, MAIL, RCPT, ESMTP parameters, addresses and xtext.</summary>
public class EnvelopeCommandParserTests
{
    [Theory]
    [InlineData("mail.example.com")]
    [InlineData("localhost")]
    [InlineData("a-b.example")]
    [InlineData("win_host.corp")]      // lenient: underscore
    [InlineData("example.com.")]       // absolute name
    [InlineData("[192.0.2.1]")]
    [InlineData("[IPv6:2001:db8::1]")]
    [InlineData("bücher.example")]     // U-label
    public void Valid_ehlo_arguments(string arg) => Assert.True(MailboxParser.IsHeloArgument(arg));

    [Theory]
    [InlineData("")]
    [InlineData("-bad.example")]
    [InlineData("bad-.example")]
    [InlineData("two words")]
    [InlineData("a..b")]
    [InlineData("[300.1.1.1]")]
    [InlineData("[1.2.3]")]
    [InlineData("[IPv6:zz::1]")]
    [InlineData("host!name")]
    public void Invalid_ehlo_arguments(string arg) => Assert.False(MailboxParser.IsHeloArgument(arg));

    [Theory]
    [InlineData("FROM:<a@example.com>", "a@example.com")]
    [InlineData("from:<a@example.com>", "a@example.com")]
    [InlineData("FROM: <a@example.com>", "a@example.com")]                   // lenient space
    [InlineData("FROM:<>", "")]                                              // null reverse-path
    [InlineData("FROM:<\"john doe\"@example.com>", "\"john doe\"@example.com")]
    [InlineData("FROM:<\"a\\\"b\"@example.com>", "\"a\\\"b\"@example.com")]
    [InlineData("FROM:<@relay.example,@b.example:a@example.com>", "a@example.com")] // source route ignored
    [InlineData("FROM:<a.b+tag@[192.0.2.1]>", "a.b+tag@[192.0.2.1]")]
    [InlineData("FROM:<a@[IPv6:::1]>", "a@[IPv6:::1]")]
    [InlineData("FROM:<üser@bücher.example> SMTPUTF8", "üser@bücher.example")]
    public void Valid_mail_paths(string args, string expected)
    {
        Assert.Null(EnvelopeCommandParser.TryParseMail(args, 1000, out var cmd));
        Assert.Equal(expected, cmd!.ReversePath);
    }

    [Theory]
    [InlineData("FROM:a@example.com", "501 5.1.7")]
    [InlineData("FROM:<a@example.com", "501 5.1.7")]
    [InlineData("FROM:<a@@example.com>", "501 5.1.7")]
    [InlineData("FROM:<.a@example.com>", "501 5.1.7")]
    [InlineData("FROM:<a.@example.com>", "501 5.1.7")]
    [InlineData("FROM:<a@-example.com>", "501 5.1.7")]
    [InlineData("FROM:<a b@example.com>", "501 5.1.7")]
    [InlineData("FROM:<a@example.com>x", "501 5.1.7")]
    [InlineData("TO:<a@example.com>", "501 5.5.4")]
    [InlineData("FROM:", "501 5.5.4")]
    [InlineData("FROM:<üser@example.com>", "553 5.6.7")]                     // non-ASCII without SMTPUTF8
    [InlineData("FROM:<a@example.com> SIZE=1001", "552 5.3.4")]
    [InlineData("FROM:<a@example.com> SIZE=99999999999999999999", "552 5.3.4")]
    [InlineData("FROM:<a@example.com> SIZE=12a", "501 5.5.4")]
    [InlineData("FROM:<a@example.com> SIZE=1 SIZE=2", "501 5.5.4")]
    [InlineData("FROM:<a@example.com> BODY=9BIT", "501 5.5.4")]
    [InlineData("FROM:<a@example.com> RET=ALL", "501 5.5.4")]
    [InlineData("FROM:<a@example.com> ENVID=a+2", "501 5.5.4")]
    [InlineData("FROM:<a@example.com> ENVID=a+2b", "501 5.5.4")]             // hex must be upper case
    [InlineData("FROM:<a@example.com> SMTPUTF8=yes", "501 5.5.4")]
    [InlineData("FROM:<a@example.com> FOO=bar", "555 5.5.4")]
    [InlineData("FROM:<a@example.com> =x", "501 5.5.4")]
    public void Invalid_mail_commands(string args, string expected)
    {
        var error = EnvelopeCommandParser.TryParseMail(args, 1000, out _);
        Assert.NotNull(error);
        Assert.Equal(expected, $"{error!.Code} {error.Reply.Enhanced}");
    }

    [Fact]
    public void Mail_parameters_are_parsed()
    {
        Assert.Null(EnvelopeCommandParser.TryParseMail("FROM:<a@example.com> size=500 Body=BinaryMIME SMTPUTF8 RET=FULL ENVID=x+2By+3Dz AUTH=<>", 1000, out var cmd));
        Assert.Equal(new MailCommand("a@example.com", 500, BodyType.BinaryMime, true, DsnReturn.Full, "x+y=z"), cmd);
    }

    [Theory]
    [InlineData("TO:<b@example.org>", "b@example.org", DsnNotify.Default, null)]
    [InlineData("TO:<b@example.org> NOTIFY=NEVER", "b@example.org", DsnNotify.Never, null)]
    [InlineData("TO:<b@example.org> NOTIFY=SUCCESS,FAILURE,DELAY", "b@example.org", DsnNotify.Success | DsnNotify.Failure | DsnNotify.Delay, null)]
    [InlineData("TO:<b@example.org> ORCPT=rfc822;b+40x@example.org", "b@example.org", DsnNotify.Default, "rfc822;b+40x@example.org")]
    [InlineData("to:<\"quoted local\"@example.org> notify=delay", "\"quoted local\"@example.org", DsnNotify.Delay, null)]
    [InlineData("TO:<Postmaster>", "postmaster", DsnNotify.Default, null)]
    public void Valid_rcpt_commands(string args, string address, DsnNotify notify, string? orcpt)
    {
        Assert.Null(EnvelopeCommandParser.TryParseRcpt(args, smtpUtf8: false, out var cmd));
        Assert.Equal(address, cmd!.Address);
        Assert.Equal(notify, cmd.Notify);
        Assert.Equal(orcpt, cmd.ORcpt);
    }

    [Theory]
    [InlineData("TO:<>", "553 5.1.3")]
    [InlineData("TO:<b>", "501 5.1.3")]
    [InlineData("TO:<b@>", "501 5.1.3")]
    [InlineData("TO:b@example.org", "501 5.1.3")]
    [InlineData("FROM:<b@example.org>", "501 5.5.4")]
    [InlineData("TO:<b@example.org> NOTIFY=NEVER,SUCCESS", "501 5.5.4")]
    [InlineData("TO:<b@example.org> NOTIFY=SUCCESS,SUCCESS", "501 5.5.4")]
    [InlineData("TO:<b@example.org> NOTIFY=SOMETIMES", "501 5.5.4")]
    [InlineData("TO:<b@example.org> NOTIFY=", "501 5.5.4")]
    [InlineData("TO:<b@example.org> ORCPT=b@example.org", "501 5.5.4")]
    [InlineData("TO:<b@example.org> ORCPT=rfc822;", "501 5.5.4")]
    [InlineData("TO:<b@example.org> ORCPT=rfc822;a+zz", "501 5.5.4")]
    [InlineData("TO:<b@example.org> SIZE=10", "555 5.5.4")]
    [InlineData("TO:<ü@example.org>", "553 5.6.7")]
    public void Invalid_rcpt_commands(string args, string expected)
    {
        var error = EnvelopeCommandParser.TryParseRcpt(args, smtpUtf8: false, out _);
        Assert.NotNull(error);
        Assert.Equal(expected, $"{error!.Code} {error.Reply.Enhanced}");
    }

    [Fact]
    public void Smtputf8_recipient_is_allowed_when_transaction_has_smtputf8()
    {
        Assert.Null(EnvelopeCommandParser.TryParseRcpt("TO:<用户@例子.广告>", smtpUtf8: true, out var cmd));
        Assert.Equal("用户@例子.广告", cmd!.Address);
    }

    [Fact]
    public void Overlong_local_part_is_refused()
    {
        Assert.NotNull(EnvelopeCommandParser.TryParseRcpt($"TO:<{new string('a', 65)}@example.org>", false, out _));
        Assert.Null(EnvelopeCommandParser.TryParseRcpt($"TO:<{new string('a', 64)}@example.org>", false, out _));
    }
}
