namespace Appliance.Mta.Smtp;

/// <summary>RFC 3461 §4.3 RET parameter.</summary>
public enum DsnReturn
{
    Default = 0,
    Full = 1,
    Headers = 2,
}
