using System.Diagnostics.Metrics;

namespace Appliance.Mta.Tests.Diagnostics;

/// <summary>Records every measurement of the instruments of one <see cref="Meter"/>: (instrument, value, tags).</summary>
internal sealed class MeasurementRecorder : IDisposable
{
    private readonly MeterListener _listener = new();

    public MeasurementRecorder(Meter meter)
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter == meter) listener.EnableMeasurementEvents(instrument);
        };
        _listener.SetMeasurementEventCallback<long>((i, v, tags, _) => Add(i, v, tags));
        _listener.SetMeasurementEventCallback<double>((i, v, tags, _) => Add(i, v, tags));
        _listener.Start();
    }

    public List<(string Instrument, double Value, Dictionary<string, string?> Tags)> Measurements { get; } = [];

    public void Observe() => _listener.RecordObservableInstruments();

    public double Sum(string instrument, Func<Dictionary<string, string?>, bool>? where = null) =>
        Measurements.Where(m => m.Instrument == instrument && (where is null || where(m.Tags))).Sum(m => m.Value);

    private void Add(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var dict = new Dictionary<string, string?>();
        foreach (var t in tags) dict[t.Key] = t.Value?.ToString();
        lock (Measurements) Measurements.Add((instrument.Name, value, dict));
    }

    public void Dispose() => _listener.Dispose();
}
