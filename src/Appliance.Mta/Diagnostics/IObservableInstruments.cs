namespace Appliance.Mta.Diagnostics;

/// <summary>
/// A set of observable gauges that exist while the object lives (spool and disk bytes, queue depths, complaint rates).
/// The exporter takes every registered set, so creating the gauges is a dependency of exporting them.
/// </summary>
public interface IObservableInstruments
{
}
