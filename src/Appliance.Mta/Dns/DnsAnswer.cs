namespace Appliance.Mta.Dns;

/// <summary>The typed result of one lookup: a status and the records (empty unless <see cref="DnsStatus.Ok"/>).</summary>
public sealed record DnsAnswer<T>(DnsStatus Status, IReadOnlyList<T> Records)
{
    /// <summary>SERVFAIL or timeout: try again later.</summary>
    public bool IsTransient => Status is DnsStatus.ServerFailure or DnsStatus.Timeout;

    /// <summary>
    /// A successful answer; an empty <paramref name="records"/> becomes <see cref="DnsStatus.NoData"/>.
    /// </summary>
    public static DnsAnswer<T> Ok(IReadOnlyList<T> records) =>
        records.Count == 0 ? new(DnsStatus.NoData, []) : new(DnsStatus.Ok, records);

    /// <summary>
    /// A failed lookup with no records (<paramref name="status"/> says why: NXDOMAIN, SERVFAIL, timeout, ...).
    /// </summary>
    public static DnsAnswer<T> Fail(DnsStatus status) => new(status, []);
}
