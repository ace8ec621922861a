using System.Net;
using System.Net.Http.Json;
using System.Security.Claims;
using System.Text.Json;
using Appliance.Mta.Admin;
using Appliance.Web.Services;
using Appliance.Web.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Appliance.Web.Tests.Api;

/// <summary>
/// The API and the Queues page run queue operations through the same <see cref="QueueOperations"/>: the same audit
/// record and the same validation text whichever path; the scheduled queue list is paged on the server.
/// </summary>
public sealed class QueueOperationPathsTests : IClassFixture<FakeEngineFactory>
{
    private readonly FakeEngineFactory _factory;
    private readonly ClaimsPrincipal _uiUser = new(new ClaimsIdentity([new Claim(ClaimTypes.Name, "ops@example.com")], "Identity.Application"));

    public QueueOperationPathsTests(FakeEngineFactory factory)
    {
        _factory = factory;
        _factory.Reset();
    }

    [Theory]
    [InlineData("retry", QueueViewOperation.Retry, null)]
    [InlineData("bounce", QueueViewOperation.Bounce, "spam trap")]
    public async Task Api_and_ui_service_write_the_same_audit_record(string verb, QueueViewOperation operation, string? reason)
    {
        var domain = $"{verb}-{Guid.NewGuid():N}.example";
        var api = await _factory.CreateAdminClient().PostAsJsonAsync($"/api/v1/queues/{verb}", new { tenant = "default", domain, reason });
        Assert.Equal(HttpStatusCode.OK, api.StatusCode);
        var viaApi = await LatestAuditAsync(domain);

        await using (var scope = _factory.Services.CreateAsyncScope())
        {
            var outcome = await scope.ServiceProvider.GetRequiredService<QueueOperations>()
                .RunAsync(new QueueOperationCommand(operation, new QueueFilter(Tenant: "default", Domain: domain), reason), _uiUser);
            Assert.Equal(QueueOperationStatus.Done, outcome.Status);
        }
        var viaUi = await LatestAuditAsync(domain);

        Assert.NotEqual(viaApi.Id, viaUi.Id);
        Assert.Equal("queue." + verb, viaApi.Action);
        Assert.Equal((viaApi.Action, viaApi.Target, viaApi.After), (viaUi.Action, viaUi.Target, viaUi.After));
        Assert.Equal($"tenant=default domain={domain}", viaUi.Target);
        Assert.Equal("api:bootstrap", viaApi.Actor);
        Assert.Equal("user:ops@example.com", viaUi.Actor);
        // One engine call and one audit record per operation on each path.
        lock (_factory.QueueAdmin.Calls) Assert.Equal(2, _factory.QueueAdmin.Calls.Count(c => c.Filter.Domain == domain));
        await using var scope2 = _factory.Services.CreateAsyncScope();
        Assert.Equal(2, (await scope2.ServiceProvider.GetRequiredService<IAuditLog>().ListAsync(0, 50, domain)).Total);
    }

    [Theory]
    [InlineData("bounce", QueueViewOperation.Bounce, "{\"domain\":\"x.example\"}", null, "x.example")]
    [InlineData("bounce", QueueViewOperation.Bounce, "{\"reason\":\"r\"}", "r", null)]
    [InlineData("delete", QueueViewOperation.Delete, "{\"domain\":\" \"}", null, " ")]
    public async Task Invalid_input_gives_the_same_problem_and_ui_message(string verb, QueueViewOperation operation, string body, string? reason, string? domain)
    {
        var response = await _factory.CreateAdminClient().PostAsync($"/api/v1/queues/{verb}", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));
        var problem = await response.ReadJsonAsync();
        QueueOperationOutcome outcome;
        await using (var scope = _factory.Services.CreateAsyncScope())
            outcome = await scope.ServiceProvider.GetRequiredService<QueueOperations>().RunAsync(new QueueOperationCommand(operation, new QueueFilter(Domain: domain), reason), _uiUser);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var apiErrors = problem.GetProperty("errors").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.EnumerateArray().Select(v => v.GetString()!).ToArray());
        Assert.Equal(QueueOperationStatus.Invalid, outcome.Status);
        Assert.Equal(outcome.Errors.OrderBy(e => e.Key), apiErrors.OrderBy(e => e.Key));
        Assert.Equal(string.Join(" ", apiErrors.Values.SelectMany(v => v)), outcome.Message); // the page's snackbar text
        lock (_factory.QueueAdmin.Calls) Assert.Empty(_factory.QueueAdmin.Calls);
    }

    [Fact]
    public async Task Scheduled_list_is_paged_filtered_and_counted_on_the_server()
    {
        for (var i = 0; i < 30; i++)
            _factory.QueueAdmin.Scheduled.Add(new ScheduledQueueInfo($"{(i % 2 == 0 ? "even" : "odd")}@d{i:00}.example", i % 2 == 0 ? "even" : "odd", null, $"d{i:00}.example", 1, i, null, null, i == 7, null));
        var client = _factory.CreateAdminClient();

        var first = await (await client.GetAsync("/api/v1/queues/scheduled?pageSize=25&sort=domain")).ReadJsonAsync();
        var second = await (await client.GetAsync("/api/v1/queues/scheduled?pageSize=25&page=1&sort=domain")).ReadJsonAsync();
        var odd = await (await client.GetAsync("/api/v1/queues/scheduled?tenant=odd&sort=recipients&desc=true&pageSize=3")).ReadJsonAsync();
        var search = await (await client.GetAsync("/api/v1/queues/scheduled?search=D2&sort=domain")).ReadJsonAsync();
        var suspended = await (await client.GetAsync("/api/v1/queues/scheduled?state=suspended")).ReadJsonAsync();

        Assert.Equal(30, first.GetProperty("total").GetInt32());
        Assert.Equal(25, first.GetProperty("items").GetArrayLength());
        Assert.Equal(["d25.example", "d26.example", "d27.example", "d28.example", "d29.example"], Domains(second));
        Assert.Equal(15, odd.GetProperty("total").GetInt32());
        Assert.Equal(["d29.example", "d27.example", "d25.example"], Domains(odd));
        Assert.Equal(Enumerable.Range(20, 10).Select(i => $"d{i}.example"), Domains(search));
        Assert.Equal(["d07.example"], Domains(suspended));
    }

    [Theory]
    [InlineData("pageSize=0", "pageSize")]
    [InlineData("pageSize=501", "pageSize")]
    [InlineData("page=-1", "page")]
    [InlineData("state=paused", "state")]
    [InlineData("sort=size", "sort")]
    public async Task Bad_paging_parameters_are_a_validation_problem(string query, string field)
    {
        var response = await _factory.CreateAdminClient().GetAsync("/api/v1/queues/scheduled?" + query);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await response.ReadJsonAsync()).GetProperty("errors").TryGetProperty(field, out _));
    }

    [Fact]
    public async Task Counters_endpoint_answers_the_engine_counters()
    {
        var body = await (await _factory.CreateAdminClient().GetAsync("/api/v1/queues/counters")).ReadJsonAsync();

        Assert.Equal(7, body.GetProperty("messages").GetInt32());
        Assert.Equal(7, body.GetProperty("messagesByTenant").GetProperty("default").GetInt32());
    }

    private static string[] Domains(JsonElement page) => page.GetProperty("items").EnumerateArray().Select(q => q.GetProperty("domain").GetString()!).ToArray();

    private async Task<Appliance.Web.Data.Entities.AuditEntry> LatestAuditAsync(string domain)
    {
        await using var scope = _factory.Services.CreateAsyncScope();
        var (items, _) = await scope.ServiceProvider.GetRequiredService<IAuditLog>().ListAsync(0, 10, domain);
        return items[0];
    }
}
