using System.Security.Cryptography;
using Appliance.Mta.Security;
using Microsoft.Extensions.Options;

namespace Appliance.Web.Cluster.Drain;

/// <summary>
/// The SMTP credentials with the internal identity of a draining node added (issue 19, "Draining a node"): the
/// username <c>cluster-handover/{tenant}</c> with the cluster secret (<see cref="ClusterOptions.Secret"/>) as password
/// authenticates as that tenant, marked <see cref="SmtpCredential.Handover"/>. The tenant travels in the identity only
/// the secret unlocks, so a stranger cannot send as another tenant; campaign and stream travel in X-Campaign and
/// X-Stream, which the server reads and strips for every sender as before. Without a secret the prefix matches
/// nothing. Every other username goes to the inner store.
/// </summary>
public sealed class HandoverCredentials(ISmtpCredentialStore inner, IOptions<ClusterOptions> options) : ISmtpCredentialStore
{
    /// <summary>The username prefix of the internal identity; the rest is the tenant id.</summary>
    public const string Prefix = "cluster-handover/";

    private readonly Lazy<ScramSecret?> _secret = new(() => options.Value.HasSecret
        ? ScramSecret.Derive(options.Value.Secret!, RandomNumberGenerator.GetBytes(16), ScramSecret.DefaultIterations)
        : null);

    /// <summary>The internal username for <paramref name="tenantId"/>.</summary>
    public static string UsernameFor(string tenantId) => Prefix + tenantId;

    public ValueTask<SmtpCredential?> FindAsync(string username, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(username);
        if (!username.StartsWith(Prefix, StringComparison.Ordinal)) return inner.FindAsync(username, cancellationToken);
        var tenant = username[Prefix.Length..];
        return ValueTask.FromResult(tenant.Length == 0 || _secret.Value is not { } secret
            ? null
            : new SmtpCredential(username, tenant, secret, Stream: null, Handover: true));
    }
}
