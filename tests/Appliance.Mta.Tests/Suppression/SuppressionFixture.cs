using Appliance.Mta.Suppression;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Appliance.Mta.Tests.Suppression;

/// <summary>A suppression list over an in-memory store, a fake clock and fixed per-tenant settings.</summary>
internal sealed class SuppressionFixture
{
    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
    public MemoryStore Store { get; } = new();
    public FixedSettings Settings { get; } = new();
    public SuppressionOptions Options { get; } = new();
    public FeedbackKey Key { get; } = new(Enumerable.Range(1, 32).Select(i => (byte)i).ToArray());

    public SuppressionList List => _list ??= new SuppressionList(new SuppressionIndex(), Store, Microsoft.Extensions.Options.Options.Create(Options), Time);
    private SuppressionList? _list;

    internal sealed class MemoryStore : ISuppressionStore
    {
        public List<SuppressionEntry> Queued { get; } = [];
        public List<SuppressionEntry> Written { get; } = [];

        public void Enqueue(SuppressionEntry entry) => Queued.Add(entry);

        public Task WriteAsync(IReadOnlyList<SuppressionEntry> entries, CancellationToken cancellationToken)
        {
            Written.AddRange(entries);
            return Task.CompletedTask;
        }
    }

    internal sealed class FixedSettings : ITenantFeedbackSettingsSource
    {
        public Dictionary<string, TenantFeedbackSettings> Tenants { get; } = [];

        public TenantFeedbackSettings For(string tenantId) => Tenants.TryGetValue(tenantId, out var s) ? s : TenantFeedbackSettings.Default;

        public IReadOnlyDictionary<string, string> ReturnPathDomains =>
            Tenants.Where(t => t.Value.ReturnPathDomain is not null).ToDictionary(t => t.Value.ReturnPathDomain!, t => t.Key);
    }
}
