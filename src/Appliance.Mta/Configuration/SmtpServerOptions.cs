namespace Appliance.Mta.Configuration;

/// <summary>Listener endpoints and the SMTP server's limits. Each default documents its source.</summary>
public sealed record SmtpServerOptions
{
    /// <summary>Port-25-style relay listener "ip:port" (STARTTLS offered, AUTH optional); empty disables it.</summary>
    public string Relay { get; set; } = "127.0.0.1:2525";

    /// <summary>RFC 6409 submission "ip:port" (STARTTLS, AUTH required); empty disables it.</summary>
    public string Submission { get; set; } = "127.0.0.1:2587";

    /// <summary>RFC 8314 implicit-TLS submission "ip:port"; empty disables it.</summary>
    public string Smtps { get; set; } = "127.0.0.1:2465";

    /// <summary>CIDRs allowed to relay without AUTH. Default: loopback only.</summary>
    public IReadOnlyList<string> RelayHosts { get; set; } = ["127.0.0.0/8", "::1/128"];

    /// <summary>PEM certificate path (with key) or PFX; when empty a self-signed one is generated in DataDir.</summary>
    public string? CertificatePath { get; set; }

    /// <summary>
    /// Path of the PEM private key when <see cref="CertificatePath"/> is a PEM certificate without its key; null or
    /// empty when the key is in the same file or the certificate is a PFX.
    /// </summary>
    public string? CertificateKeyPath { get; set; }

    /// <summary>RFC 1870 SIZE limit in bytes; above it 552 5.3.4. Default 50 MiB (a common provider ceiling).</summary>
    public long MaxMessageSize { get; set; } = 50L * 1024 * 1024;

    /// <summary>
    /// Bytes of a message kept in memory while DATA/BDAT is received; the rest streams to a temporary file under
    /// {DataDir}/tmp and on into the spool, so memory per session is bounded whatever the message size. Default
    /// 1 MiB: above the size of nearly all transactional mail (the 4 KB relay benchmark never touches the disk path)
    /// and large enough to hold any real header block.
    /// </summary>
    public long InMemoryMessageBytes { get; set; } = 1024 * 1024;

    /// <summary>RFC 5321 §4.5.3.1.8 requires at least 100; beyond the limit 452 4.5.3.</summary>
    public int MaxRecipients { get; set; } = 1000;

    /// <summary>Bad commands (500/501) before the server disconnects (Postfix smtpd_hard_error_limit is 20).</summary>
    public int MaxBadCommands { get; set; } = 10;

    /// <summary>Concurrent connections from one client IP.</summary>
    public int MaxConnectionsPerIp { get; set; } = 200;

    /// <summary>Concurrent connections in total.</summary>
    public int MaxConnections { get; set; } = 2000;

    /// <summary>Failed AUTH attempts from one IP within <see cref="AuthLockoutWindow"/> before it is locked out.</summary>
    public int AuthFailureLimit { get; set; } = 5;

    /// <summary>
    /// Sliding window over which failed AUTH attempts from one IP are counted; a locked-out IP is released once its
    /// oldest counted failure leaves the window (15 minutes).
    /// </summary>
    public TimeSpan AuthLockoutWindow { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>RFC 5321 §4.5.3.2.7: server timeout waiting for the next command, at least 5 minutes.</summary>
    public TimeSpan CommandTimeout { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>RFC 5321 §4.5.3.2.6 (client side 10 min); the server waits this long for each DATA block. It is also the
    /// base of the transfer deadline: a message's whole DATA or BDAT transfer must end within DataTimeout plus one
    /// second per <see cref="DataMinRate"/> octets received, or the session gets 421 4.4.2 and is closed.</summary>
    public TimeSpan DataTimeout { get; set; } = TimeSpan.FromMinutes(3);

    /// <summary>Minimum transfer rate in octets per second that extends the transfer deadline (like Postfix's
    /// smtpd_min_data_rate, default 500); 0 turns the deadline off and leaves only the per-block DataTimeout.</summary>
    public int DataMinRate { get; set; } = 500;

    /// <summary>Add Message-ID and Date when missing on the submission ports (RFC 6409 §8.2, §8.3).</summary>
    public bool FixupSubmissionHeaders { get; set; } = true;
}
