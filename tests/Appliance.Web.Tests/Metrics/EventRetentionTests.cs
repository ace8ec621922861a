using Appliance.Web.Modules.EventStore;
using Microsoft.Extensions.Time.Testing;

namespace Appliance.Web.Tests.Metrics;

public sealed class EventRetentionTests : IDisposable
{
    private static readonly DateTimeOffset Now = new(2030, 5, 10, 12, 30, 0, TimeSpan.Zero);
    private readonly string _dir = Directory.CreateTempSubdirectory("event-retention-").FullName;
    private readonly EventRetention _retention = new(new FakeTimeProvider(Now));

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string Write(DateTimeOffset hour, int bytes, bool withIndex = false)
    {
        var path = Path.Combine(_dir, $"events-{hour.UtcDateTime:yyyyMMddHH}.jsonl");
        File.WriteAllText(path, new string('x', bytes));
        if (withIndex) File.WriteAllText(Path.ChangeExtension(path, ".idx"), "i");
        return Path.GetFileName(path);
    }

    private string[] Remaining() => [.. Directory.EnumerateFiles(_dir).Select(Path.GetFileName).Order().Cast<string>()];

    [Fact]
    public void Over_the_byte_budget_the_oldest_files_go_first_with_their_index()
    {
        var oldest = Write(Now.AddHours(-5), 100, withIndex: true);
        var older = Write(Now.AddHours(-4), 100);
        var middle = Write(Now.AddHours(-3), 100);
        var newer = Write(Now.AddHours(-2), 100);
        var current = Write(Now.AddHours(0), 100);

        var deleted = _retention.Enforce(_dir, retentionDays: 0, retentionBytes: 301);

        Assert.Equal([oldest, older], deleted);
        Assert.Equal([middle, newer, current], Remaining());
    }

    [Fact]
    public void Files_older_than_the_day_limit_are_deleted_and_younger_ones_kept()
    {
        var expired = Write(Now.AddDays(-3).AddHours(-2), 10);
        var borderline = Write(Now.AddDays(-3).AddMinutes(-30), 10); // its hour ends after the cutoff
        var young = Write(Now.AddDays(-1), 10);
        var current = Write(Now, 10);

        var deleted = _retention.Enforce(_dir, retentionDays: 3, retentionBytes: 0);

        Assert.Equal([expired], deleted);
        Assert.Equal([borderline, young, current], Remaining());
    }

    [Fact]
    public void The_newest_file_is_never_deleted_even_alone_over_budget()
    {
        var older = Write(Now.AddHours(-1), 50);
        var current = Write(Now, 500);

        var deleted = _retention.Enforce(_dir, retentionDays: 0, retentionBytes: 100);

        Assert.Equal([older], deleted);
        Assert.Equal([current], Remaining());
    }
}
