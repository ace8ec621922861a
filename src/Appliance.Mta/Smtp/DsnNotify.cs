namespace Appliance.Mta.Smtp;

/// <summary>RFC 3461 §4.1 NOTIFY parameter. <see cref="Default"/> means the parameter was absent.</summary>
[Flags]
public enum DsnNotify
{
    Default = 0,
    Never = 1,
    Success = 2,
    Failure = 4,
    Delay = 8,
}
