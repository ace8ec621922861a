using Microsoft.Extensions.Options;

namespace Appliance.Mta.Configuration;

/// <summary>
/// <see cref="IOptions{TOptions}"/> over the published settings: <see cref="Value"/> is <see cref="IMtaSettings.Current"/>
/// at the time of the call, so code that takes <c>IOptions&lt;MtaOptions&gt;</c> reads the snapshot in force. Read it once
/// per unit of work and do not keep it in a field when the value may change at run time.
/// </summary>
public sealed class CurrentMtaOptions(IMtaSettings settings) : IOptions<MtaOptions>
{
    /// <summary>
    /// The snapshot published now (<see cref="IMtaSettings.Current"/>); two reads may return different snapshots.
    /// </summary>
    public MtaOptions Value => settings.Current;
}
