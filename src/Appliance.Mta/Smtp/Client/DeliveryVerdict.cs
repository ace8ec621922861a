namespace Appliance.Mta.Smtp.Client;

/// <summary>What a reply means for a recipient.</summary>
public enum DeliveryVerdict
{
    /// <summary>2yz: the peer took responsibility for the recipient.</summary>
    Delivered = 0,
    /// <summary>4yz, a protocol error or a broken link: try again later.</summary>
    Transient = 1,
    /// <summary>5yz: do not retry; the recipient fails (with a DSN).</summary>
    Permanent = 2,
}
