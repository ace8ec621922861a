using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Appliance.Web.Tests.Infrastructure;

namespace Appliance.Web.Tests.TenantLimits;

/// <summary>
/// Issue 20's metering acceptance: the usage CSV of a day equals a count the test makes itself from the event log's
/// records (the JSON lines under {DataDir}/events) for that tenant, per sending domain and column.
/// </summary>
public sealed class TenantUsageCsvTests(ApplianceFactory factory) : IClassFixture<ApplianceFactory>
{
    private static readonly string[] Columns =
        ["period", "domain", "accepted", "delivered", "deferred", "bouncedHard", "bouncedSoft", "complained", "unsubscribed", "bytesIn", "bytesOut"];

    [Fact]
    public async Task Usage_csv_for_a_day_equals_an_independent_count_of_the_event_log_for_that_tenant()
    {
        var admin = factory.CreateAdminClient();
        var created = await admin.PostAsJsonAsync("/api/v1/tenants", new { name = "Metered " + Guid.NewGuid().ToString("N")[..6] });
        var tenant = (await created.ReadJsonAsync()).GetProperty("id").GetString()!;
        var other = (await (await admin.PostAsJsonAsync("/api/v1/tenants", new { name = "Other " + Guid.NewGuid().ToString("N")[..6] })).ReadJsonAsync()).GetProperty("id").GetString()!;

        async Task InjectAsync(string t, string from, params string[] to)
        {
            var r = await admin.PostAsJsonAsync("/api/v1/messages", new { from, to, subject = "usage", text = new string('x', 500), tenantId = t });
            Assert.Equal(HttpStatusCode.Accepted, r.StatusCode);
        }
        await InjectAsync(tenant, "news@shop.example", "a@example.net", "b@example.net");
        await InjectAsync(tenant, "news@shop.example", "c@example.net");
        await InjectAsync(tenant, "billing@invoices.example", "d@example.net", "e@example.net", "f@example.net");
        await InjectAsync(other, "news@shop.example", "g@example.net"); // another tenant: not in the CSV
        var day = DateTime.UtcNow.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

        // Delivery attempts run meanwhile and add events; compare once the log is quiet between two reads.
        Dictionary<string, long[]>? expected = null, csvRows = null;
        for (var attempt = 0; attempt < 100; attempt++)
        {
            var before = CountEventLog(tenant, day);
            var response = await admin.GetAsync($"/api/v1/tenants/{tenant}/usage?from={day}&to={day}&format=csv");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
            csvRows = ParseCsv(await response.Content.ReadAsStringAsync(), day);
            var after = CountEventLog(tenant, day);
            if (Same(before, after) && Same(before, csvRows))
            {
                expected = before;
                break;
            }
            await Task.Delay(200);
        }
        Assert.NotNull(expected);
        // DSNs of recipients bounced meanwhile may add a "" row (the null sender); the injected mail is per its domain.
        Assert.Equal(["invoices.example", "shop.example"], expected.Keys.Where(k => k.Length > 0).Order(StringComparer.Ordinal));
        Assert.Equal(3, expected["shop.example"][0]); // accepted = recipients
        Assert.Equal(3, expected["invoices.example"][0]);
        Assert.True(expected["shop.example"][7] > 1500); // bytes in

        // The same through Accept: text/csv, and JSON per month.
        var viaAccept = new HttpRequestMessage(HttpMethod.Get, $"/api/v1/tenants/{tenant}/usage?from={day}&to={day}");
        viaAccept.Headers.Accept.ParseAdd("text/csv");
        Assert.Equal("text/csv", (await admin.SendAsync(viaAccept)).Content.Headers.ContentType?.MediaType);
        var json = await (await admin.GetAsync($"/api/v1/tenants/{tenant}/usage?from={day}&to={day}&granularity=month")).ReadJsonAsync();
        // (DSNs of meanwhile bounced recipients come with the null sender: domain "".)
        var monthRows = json.GetProperty("rows").EnumerateArray().Where(r => r.GetProperty("domain").GetString() != "").ToList();
        Assert.Equal([3L, 3L], monthRows.Select(r => r.GetProperty("accepted").GetInt64()));
        Assert.All(monthRows, r => Assert.Equal(day[..7], r.GetProperty("period").GetString()));
    }

    [Theory]
    [InlineData("granularity=week", "granularity")]
    [InlineData("from=2026-13-01", "from")]
    [InlineData("from=2026-12-07&to=2026-12-01", "from")]
    [InlineData("from=2024-01-01&to=2026-01-01", "from")]
    [InlineData("format=xml", "format")]
    public async Task Bad_usage_queries_get_a_400_problem_naming_the_parameter(string query, string field)
    {
        var response = await factory.CreateAdminClient().GetAsync("/api/v1/tenants/default/usage?" + query);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await response.ReadJsonAsync()).GetProperty("errors").TryGetProperty(field, out _));
    }

    /// <summary>Per sending domain: the CSV's columns counted from the raw JSON lines (the test's own mapping of record types).</summary>
    private Dictionary<string, long[]> CountEventLog(string tenant, string day)
    {
        var counts = new Dictionary<string, long[]>(StringComparer.Ordinal);
        foreach (var file in Directory.EnumerateFiles(Path.Combine(factory.DataDir, "events"), "events-*.jsonl"))
        {
            using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
            using var reader = new StreamReader(stream);
            while (reader.ReadLine() is { } line)
            {
                JsonElement e;
                try { e = JsonDocument.Parse(line).RootElement; } catch (JsonException) { continue; } // a line being written
                if (!e.TryGetProperty("tenant", out var t) || t.GetString() != tenant) continue;
                if (!e.GetProperty("timestamp").GetDateTimeOffset().UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture).Equals(day, StringComparison.Ordinal)) continue;
                var sender = e.TryGetProperty("sender", out var s) ? s.GetString() ?? "" : "";
                var domain = sender.Contains('@', StringComparison.Ordinal) ? sender[(sender.LastIndexOf('@') + 1)..].ToLowerInvariant() : "";
                var size = e.TryGetProperty("size", out var z) ? z.GetInt64() : 0;
                var hard = !e.TryGetProperty("hard", out var h) || h.GetBoolean();
                // accepted, delivered, deferred, bouncedHard, bouncedSoft, complained, unsubscribed, bytesIn, bytesOut
                var add = e.GetProperty("type").GetString() switch
                {
                    "Reception" => new long[] { 1, 0, 0, 0, 0, 0, 0, size, 0 },
                    "Delivery" => [0, 1, 0, 0, 0, 0, 0, 0, size],
                    "TransientFailure" => [0, 0, 1, 0, 0, 0, 0, 0, 0],
                    "Bounce" or "Expiration" or "Oob" => hard ? [0, 0, 0, 1, 0, 0, 0, 0, 0] : [0, 0, 0, 0, 1, 0, 0, 0, 0],
                    "Feedback" => [0, 0, 0, 0, 0, 1, 0, 0, 0],
                    "Unsubscribe" => [0, 0, 0, 0, 0, 0, 1, 0, 0],
                    _ => null,
                };
                if (add is null) continue;
                if (!counts.TryGetValue(domain, out var row)) counts[domain] = row = new long[9];
                for (var i = 0; i < 9; i++) row[i] += add[i];
            }
        }
        return counts;
    }

    private static Dictionary<string, long[]> ParseCsv(string csv, string day)
    {
        var lines = csv.Split(["\r\n", "\n"], StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(string.Join(',', Columns), lines[0]);
        var rows = new Dictionary<string, long[]>(StringComparer.Ordinal);
        foreach (var line in lines.Skip(1))
        {
            var f = line.Split(',');
            Assert.Equal(day, f[0]);
            rows[f[1]] = f.Skip(2).Select(v => long.Parse(v, CultureInfo.InvariantCulture)).ToArray();
        }
        return rows;
    }

    private static bool Same(Dictionary<string, long[]> a, Dictionary<string, long[]> b) =>
        a.Count == b.Count && a.All(kv => b.TryGetValue(kv.Key, out var other) && kv.Value.SequenceEqual(other));
}
