using Appliance.Mta.Security;
using Appliance.Web.Cluster;
using Appliance.Web.Cluster.Drain;
using Microsoft.Extensions.Options;

namespace Appliance.Web.Tests.Cluster;

/// <summary>The internal hand-over identity of a draining node: unlocked only by the cluster secret, never by a guess.</summary>
public sealed class HandoverCredentialsTests
{
    private const string Secret = "a-cluster-secret-0123456789";

    private sealed class Inner : ISmtpCredentialStore
    {
        public List<string> Asked { get; } = [];

        public ValueTask<SmtpCredential?> FindAsync(string username, CancellationToken cancellationToken)
        {
            Asked.Add(username);
            return ValueTask.FromResult<SmtpCredential?>(username == "alice" ? new SmtpCredential("alice", "t1", ScramSecret.Create("pw", 64)) : null);
        }
    }

    private static HandoverCredentials Store(Inner inner, string? secret) =>
        new(inner, Options.Create(new ClusterOptions { Redis = "127.0.0.1:6379", Secret = secret }));

    [Fact]
    public async Task The_handover_identity_names_its_tenant_and_verifies_only_the_cluster_secret()
    {
        var inner = new Inner();
        var credential = await Store(inner, Secret).FindAsync(HandoverCredentials.UsernameFor("tenant-7"), default);
        Assert.NotNull(credential);
        Assert.Equal("tenant-7", credential.TenantId);
        Assert.True(credential.Handover);
        Assert.Null(credential.Stream);
        Assert.True(credential.Secret.Verify(Secret));
        Assert.False(credential.Secret.Verify(Secret + "x"));
        Assert.False(credential.Secret.Verify(""));
        Assert.Empty(inner.Asked); // the tenants' store is never asked for the reserved prefix
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("short-secret")] // under ClusterOptions.MinSecretLength
    public async Task Without_a_usable_secret_the_handover_identity_does_not_exist(string? secret)
    {
        var inner = new Inner();
        Assert.Null(await Store(inner, secret).FindAsync(HandoverCredentials.UsernameFor("tenant-7"), default));
        Assert.Null(await Store(inner, Secret).FindAsync(HandoverCredentials.Prefix, default)); // no tenant named
        Assert.Empty(inner.Asked);
    }

    [Fact]
    public async Task Every_other_username_goes_to_the_tenants_credentials()
    {
        var inner = new Inner();
        var alice = await Store(inner, Secret).FindAsync("alice", default);
        Assert.NotNull(alice);
        Assert.False(alice.Handover);
        Assert.Equal(["alice"], inner.Asked);
    }
}
