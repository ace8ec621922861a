using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Appliance.IntegrationTests.Infrastructure;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Appliance.IntegrationTests.Scenarios.Cluster;

/// <summary>
/// Issue 19, acceptance item 7, on three real nodes sharing PostgreSQL and Redis, with a real browser (Playwright over
/// Debian's chromium): node A's panel shows the three nodes (Nodes page), every node's queue (Queues page) and finds,
/// in its message search, a message accepted by node B, labelled with node B. The same answers come from A's API
/// (/api/v1/cluster/events, and a queue operation's dry run on every node), which go over the signed internal API.
/// </summary>
public sealed class AdminPanelTests(ClusterEnvironment env, ITestOutputHelper output) : IClassFixture<ClusterEnvironment>
{
    [ClusterFact(ClusterEnvironment.Requires | Tool.Chromium)]
    public async Task Node_As_panel_shows_the_three_nodes_their_queues_and_finds_a_message_accepted_by_node_B()
    {
        var to = $"panel-{TestMessages.Token()}@{TestZone.Single}";
        var sent = await RelayAsync(env.B, $"sender@{TestZone.SenderDomain}", to);
        output.WriteLine(sent.Output);
        Assert.True(sent.ExitCode == 0, $"node B refused the message:\n{sent.Output}\n{env.Diagnostics()}");
        Assert.True(await Eventually.TryAsync(() => env.B.Events().Any(e => e.Recipient == to), TimeSpan.FromSeconds(30)), $"no event on B for {to}\n{env.Diagnostics()}");

        // The API of node A: B's events with B's name, over the signed internal API.
        JsonElement found = default;
        var merged = await Eventually.TryAsync(async () =>
        {
            found = await env.A.Api.Http.GetFromJsonAsync<JsonElement>($"api/v1/cluster/events?recipient={Uri.EscapeDataString(to)}");
            return found.GetProperty("events").GetArrayLength() > 0;
        }, TimeSpan.FromSeconds(10));
        Assert.True(merged, $"A's cluster search did not find {to}: {found}\n{env.Diagnostics()}");
        Assert.All(found.GetProperty("events").EnumerateArray(), e => Assert.Equal("node-b", e.GetProperty("node").GetString()));
        Assert.Equal(0, found.GetProperty("unanswered").GetArrayLength());
        using var dryRun = await env.A.Api.Http.PostAsJsonAsync("api/v1/cluster/queues/retry", new { dryRun = true });
        var operation = await dryRun.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(dryRun.IsSuccessStatusCode, operation.ToString());
        Assert.Equal(ClusterEnvironment.NodeNames, operation.GetProperty("nodes").EnumerateArray().Select(n => n.GetProperty("node").GetString()).Order(StringComparer.Ordinal));
        Assert.All(operation.GetProperty("nodes").EnumerateArray(), n => Assert.Equal(JsonValueKind.Null, n.GetProperty("error").ValueKind));

        await using var browser = await PanelBrowser.SignedInAsync(env.A);
        try
        {
            // Nodes: the three nodes, each answering the internal API.
            await browser.GotoInteractiveAsync("/nodes");
            var rows = browser.Page.Locator("#nodes-table tbody tr");
            await Assertions.Expect(rows).ToHaveCountAsync(3);
            foreach (var (name, i) in ClusterEnvironment.NodeNames.Select((n, i) => (n, i)))
            {
                await Assertions.Expect(rows.Nth(i).Locator(".node-name")).ToContainTextAsync(name);
                await Assertions.Expect(rows.Nth(i).Locator(".node-status")).ToContainTextAsync("answering");
                await Assertions.Expect(rows.Nth(i).Locator(".node-queued")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex(@"^\s*\d+\s*$"));
            }
            await Assertions.Expect(rows.Nth(0).Locator(".node-name")).ToContainTextAsync("this node");

            // Queues: every node's counters.
            await browser.GotoInteractiveAsync("/queues");
            var queueRows = browser.Page.Locator("#cluster-queue-nodes .cluster-node-row");
            await Assertions.Expect(queueRows).ToHaveCountAsync(3);
            foreach (var name in ClusterEnvironment.NodeNames)
            {
                var row = browser.Page.Locator($"#cluster-queue-nodes .cluster-node-row[data-node='{name}']");
                await Assertions.Expect(row).ToContainTextAsync("answering");
                await Assertions.Expect(row.Locator(".cluster-node-messages")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex(@"^\d+$"));
            }

            // Messages: the search on A finds the message B accepted, on B's row.
            await browser.GotoInteractiveAsync("/messages");
            await browser.Page.Locator("#search-recipient").FillAsync(to);
            await browser.Page.Locator("#search-submit").ClickAsync();
            var result = browser.Page.Locator("#search-results tbody tr", new PageLocatorOptions { HasText = to });
            await Assertions.Expect(result.First).ToBeVisibleAsync();
            await Assertions.Expect(result.First.Locator(".event-node")).ToHaveTextAsync("node-b");
            // Every row of that recipient is B's.
            var nodes = await browser.Page.Locator("#search-results tbody tr", new PageLocatorOptions { HasText = to }).Locator(".event-node").AllInnerTextsAsync();
            Assert.NotEmpty(nodes);
            Assert.All(nodes, n => Assert.Equal("node-b", n.Trim()));
        }
        catch (Exception)
        {
            await ScreenshotAsync(browser);
            throw;
        }
    }

    private async Task ScreenshotAsync(PanelBrowser browser)
    {
        try
        {
            var path = Path.Combine(env.WorkDir, "panel-failure.png");
            await browser.Page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = true });
            output.WriteLine($"screenshot: {path}\n{env.Diagnostics()}");
        }
        catch (PlaywrightException)
        {
        }
    }

    private async Task<SwaksResult> RelayAsync(ApplianceProcess node, string from, string to)
    {
        var message = TestMessages.Build(from, to, "cluster panel", withIdAndDate: true);
        var file = Path.Combine(env.WorkDir, $"msg-{TestMessages.Token()}.eml");
        await File.WriteAllBytesAsync(file, Encoding.Latin1.GetBytes(message[..^2]));
        return await Swaks.RunAsync("--server", $"{node.Settings.Address}:{node.Settings.RelayPort}", "--ehlo", "client.example", "--from", from, "--to", to, "--data", "@" + file);
    }
}
