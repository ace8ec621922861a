using System.Net;
using Appliance.Mta.Http;

namespace Appliance.Mta.Tests.Http;

public sealed class OutboundHttpGuardTests
{
    private static readonly OutboundHttpGuard NoAllowlist = new(new OutboundHttpOptions());

    [Theory]
    [InlineData("127.0.0.5", "loopback")]
    [InlineData("10.1.2.3", "RFC 1918")]
    [InlineData("172.16.0.1", "RFC 1918")]
    [InlineData("172.31.255.255", "RFC 1918")]
    [InlineData("192.168.1.1", "RFC 1918")]
    [InlineData("100.64.0.1", "CGNAT")]
    [InlineData("100.127.255.254", "CGNAT")]
    [InlineData("169.254.169.254", "link-local")]
    [InlineData("0.0.0.0", "unspecified")]
    [InlineData("255.255.255.255", "broadcast")]
    [InlineData("224.0.0.1", "multicast")]
    [InlineData("::1", "loopback")]
    [InlineData("::", "unspecified")]
    [InlineData("fe80::1", "link-local")]
    [InlineData("fc00::1", "unique local")]
    [InlineData("fd12:3456::1", "unique local")]
    [InlineData("ff02::1", "multicast")]
    [InlineData("::ffff:127.0.0.1", "loopback")]
    [InlineData("::ffff:10.0.0.1", "RFC 1918")]
    [InlineData("::ffff:169.254.169.254", "link-local")]
    [InlineData("::127.0.0.1", "loopback")]
    [InlineData("64:ff9b::7f00:1", "loopback")]
    public void Local_private_and_special_addresses_are_refused(string address, string reason)
    {
        var refusal = NoAllowlist.RefusalReason(IPAddress.Parse(address));
        Assert.NotNull(refusal);
        Assert.Contains(reason, refusal, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("93.184.216.34")]
    [InlineData("8.8.8.8")]
    [InlineData("100.128.0.1")]
    [InlineData("172.32.0.1")]
    [InlineData("2606:4700:4700::1111")]
    [InlineData("::ffff:93.184.216.34")]
    public void Public_addresses_are_allowed(string address) => Assert.Null(NoAllowlist.RefusalReason(IPAddress.Parse(address)));

    [Fact]
    public void The_allowlist_admits_its_networks_in_every_form_and_nothing_else()
    {
        var guard = new OutboundHttpGuard(Options("10.20.0.0/16", "127.0.0.0/8"));

        Assert.Null(guard.RefusalReason(IPAddress.Parse("10.20.1.2")));
        Assert.Null(guard.RefusalReason(IPAddress.Parse("127.0.0.1")));
        Assert.Null(guard.RefusalReason(IPAddress.Parse("::ffff:127.0.0.1")));
        Assert.NotNull(guard.RefusalReason(IPAddress.Parse("10.21.0.1")));
        Assert.NotNull(guard.RefusalReason(IPAddress.Parse("::1")));
    }

    [Fact]
    public void A_malformed_allowlist_entry_is_a_clear_configuration_error()
    {
        var e = Assert.Throws<FormatException>(() => Options("10.0.0.0/33"));
        Assert.Contains("AllowedNetworks", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("http://127.0.0.1:{0}/")]
    [InlineData("http://2130706433:{0}/")]
    [InlineData("http://0x7f.1:{0}/")]
    [InlineData("http://127.1:{0}/")]
    [InlineData("http://localhost:{0}/")]
    [InlineData("http://[::ffff:127.0.0.1]:{0}/")]
    public async Task Without_an_allowlist_a_loopback_listener_is_never_connected(string url)
    {
        await using var listener = new LoopbackHttpListener();
        using var http = new HttpClient(NoAllowlist.CreateHandler());

        var e = await Assert.ThrowsAsync<HttpRequestException>(() => http.GetAsync(string.Format(System.Globalization.CultureInfo.InvariantCulture, url, listener.Port)));

        Assert.Contains("refused", e.Message + e.InnerException?.Message, StringComparison.Ordinal);
        await Task.Delay(100);
        Assert.Equal(0, listener.Connections);
    }

    [Fact]
    public async Task A_name_that_resolves_to_loopback_is_refused_before_connecting()
    {
        await using var listener = new LoopbackHttpListener();
        var guard = new OutboundHttpGuard(new OutboundHttpOptions(), (_, _) => Task.FromResult<IReadOnlyList<IPAddress>>([IPAddress.Loopback]));
        using var http = new HttpClient(guard.CreateHandler());

        var e = await Assert.ThrowsAsync<HttpRequestException>(() => http.GetAsync($"http://rebind.example:{listener.Port}/"));

        Assert.Contains("127.0.0.1 (loopback", e.Message + e.InnerException?.Message, StringComparison.Ordinal);
        Assert.Equal(0, listener.Connections);
    }

    [Fact]
    public async Task A_name_with_a_refused_and_an_allowed_address_connects_only_to_the_allowed_one()
    {
        await using var allowed = new LoopbackHttpListener(IPAddress.Parse("127.0.0.2"));
        await using var refused = new LoopbackHttpListener(IPAddress.Loopback, allowed.Port);
        var guard = new OutboundHttpGuard(Options("127.0.0.2/32"), (_, _) => Task.FromResult<IReadOnlyList<IPAddress>>([IPAddress.Loopback, IPAddress.Parse("127.0.0.2")]));
        using var http = new HttpClient(guard.CreateHandler());

        using var response = await http.GetAsync($"http://mixed.example:{allowed.Port}/");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(1, allowed.Connections);
        Assert.Equal(0, refused.Connections);
    }

    [Fact]
    public async Task With_the_allowlist_the_loopback_listener_is_reached()
    {
        await using var listener = new LoopbackHttpListener();
        var guard = new OutboundHttpGuard(Options("127.0.0.0/8"));
        using var http = new HttpClient(guard.CreateHandler());

        using var response = await http.GetAsync($"http://127.0.0.1:{listener.Port}/");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(1, listener.Connections);
    }

    private static OutboundHttpOptions Options(params string[] networks) =>
        new() { AllowedNetworks = OutboundHttpOptions.ParseNetworks(networks) };
}
