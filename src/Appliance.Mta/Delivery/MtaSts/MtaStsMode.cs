namespace Appliance.Mta.Delivery.MtaSts;

/// <summary>The policy mode (RFC 8461 §3.2, §5).</summary>
public enum MtaStsMode
{
    None = 0,
    Testing = 1,
    Enforce = 2,
}
