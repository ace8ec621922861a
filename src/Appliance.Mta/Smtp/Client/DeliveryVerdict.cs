namespace Appliance.Mta.Smtp.Client;

/// <summary>What a reply means for a recipient.</summary>
public enum DeliveryVerdict
{
    Delivered = 0,
    Transient = 1,
    Permanent = 2,
}
