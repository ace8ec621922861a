namespace Appliance.Mta.Configuration;

/// <summary>
/// Outbound delivery settings (section "Appliance:Delivery"): ports, retry schedule, message lifetime, connection
/// limits and the SMTP client's timeouts. Defaults name their source; per-site values come from the shaping rules and
/// override these.
/// </summary>
public sealed record DeliveryOptions
{
    /// <summary>Destination SMTP port for MX delivery (RFC 5321 §4.5.4: 25).</summary>
    public int Port { get; set; } = 25;

    /// <summary>Optional "host:port": relay everything through this upstream (becomes the "*" route).</summary>
    public string? SmartHost { get; set; }

    /// <summary>First retry interval (KumoMTA retry_interval default 20 min).</summary>
    public TimeSpan RetryInterval { get; set; } = TimeSpan.FromMinutes(20);

    /// <summary>Cap on the exponential backoff.</summary>
    public TimeSpan MaxRetryInterval { get; set; } = TimeSpan.FromHours(8);

    /// <summary>After this age the message expires and bounces (RFC 5321 §4.5.4.1 suggests 4-5 days).</summary>
    public TimeSpan MaxAge { get; set; } = TimeSpan.FromDays(5);

    /// <summary>Messages sent over one connection before it is closed.</summary>
    public int MessagesPerConnection { get; set; } = 100;

    /// <summary>Concurrent connections per ready queue (egress source x site).</summary>
    public int MaxConnectionsPerSite { get; set; } = 32;

    /// <summary>Recipients per transaction (RFC 5321 §4.5.3.1.8: servers must take 100).</summary>
    public int MaxRecipientsPerTransaction { get; set; } = 100;

    /// <summary>RFC 5321 §4.5.3.2.1: initial 220 greeting, 5 minutes.</summary>
    public TimeSpan GreetingTimeout { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// Time allowed for the TCP connect to one MX address before the next address is tried (30 s; RFC 5321 gives no
    /// value).
    /// </summary>
    public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>RFC 5321 §4.5.3.2.2-5: MAIL/RCPT 5 min, DATA init 2 min, data block 3 min.</summary>
    public TimeSpan CommandTimeout { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>RFC 5321 §4.5.3.2.6: 10 minutes for the reply to the final dot.</summary>
    public TimeSpan DataTimeout { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>Idle pooled connection lifetime before QUIT.</summary>
    public TimeSpan IdleTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Apply the shipped provider shaping rules (Gmail, Yahoo, Outlook, ...). Off: engine defaults and overrides only.</summary>
    public bool ShapingEnabled { get; set; } = true;
}
