namespace Appliance.Web.Cluster.Keys;

/// <summary>
/// Table DataProtectionKeys: the Data Protection key ring in the shared database (cluster mode), so a secret one node
/// encrypts (a DKIM private key, a route password, a webhook secret) decrypts on every node.
/// </summary>
public sealed class SharedDataProtectionKey
{
    public int Id { get; set; }

    public string? FriendlyName { get; set; }

    public required string Xml { get; set; }
}
