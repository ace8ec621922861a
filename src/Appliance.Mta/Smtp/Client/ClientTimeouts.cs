using Appliance.Mta.Configuration;

namespace Appliance.Mta.Smtp.Client;

/// <summary>
/// Client-side timeouts. Defaults are RFC 5321 §4.5.3.2: greeting 5 min (§4.5.3.2.1), MAIL/RCPT 5 min
/// (§4.5.3.2.2-3), DATA initiation 2 min (§4.5.3.2.4), each data block 3 min (§4.5.3.2.5) and 10 min for the
/// reply to the final dot (§4.5.3.2.6). Connect has no RFC value: 30 s as Postfix smtp_connect_timeout.
/// </summary>
public sealed record ClientTimeouts(TimeSpan Connect, TimeSpan Greeting, TimeSpan Command, TimeSpan DataInit, TimeSpan DataBlock, TimeSpan FinalDot)
{
    /// <summary>The RFC 5321 §4.5.3.2 values, with a 30 s connect timeout.</summary>
    public static readonly ClientTimeouts Default = new(
        TimeSpan.FromSeconds(30), TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(5),
        TimeSpan.FromMinutes(2), TimeSpan.FromMinutes(3), TimeSpan.FromMinutes(10));

    /// <summary>From the delivery options; DATA initiation and block keep their RFC values unless shorter than Command.</summary>
    public static ClientTimeouts FromOptions(DeliveryOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return new ClientTimeouts(
            options.ConnectTimeout, options.GreetingTimeout, options.CommandTimeout,
            Min(Default.DataInit, options.CommandTimeout), Min(Default.DataBlock, options.CommandTimeout), options.DataTimeout);
    }

    /// <summary>The same value everywhere (tests).</summary>
    public static ClientTimeouts All(TimeSpan t) => new(t, t, t, t, t, t);

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;
}
