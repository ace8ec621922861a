namespace Appliance.Mta.Dns.Spf;

/// <summary>Ends check_host() at once with temperror or permerror (RFC 7208 §4.6, §4.6.4, §5.2).</summary>
internal sealed class SpfAbortException : Exception
{
    public SpfAbortException(SpfResult result, string reason)
        : base(reason)
    {
        Result = result;
    }

    public SpfAbortException()
    {
    }

    public SpfAbortException(string message)
        : base(message)
    {
    }

    public SpfAbortException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public SpfResult Result { get; } = SpfResult.PermError;

    public static SpfAbortException Temp(string reason) => new(SpfResult.TempError, reason);

    public static SpfAbortException Perm(string reason) => new(SpfResult.PermError, reason);
}
