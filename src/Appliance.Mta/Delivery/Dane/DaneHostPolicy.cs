using Appliance.Mta.Security.Tls;

namespace Appliance.Mta.Delivery.Dane;

/// <summary>The DANE policy of one MX host: its name (the TLSA base domain), the mode and the whole TLSA RRset.</summary>
public sealed record DaneHostPolicy(string Host, DaneMode Mode, IReadOnlyList<TlsaRecord> Records);
