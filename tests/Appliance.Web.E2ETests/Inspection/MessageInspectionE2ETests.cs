using System.Collections.Concurrent;
using System.Net.Http.Json;
using System.Text.Json;
using Appliance.Web.E2ETests.Infrastructure;
using Microsoft.Playwright;

namespace Appliance.Web.E2ETests.Inspection;

/// <summary>
/// Message inspection in Chromium, on the published folder in Production (<see cref="TenantHost"/>): a hostile HTML mail (a script, an img onerror, a remote
/// image, a remote stylesheet and background, a form posting to a remote URL) is previewed with its text shown and
/// none of it running or loading: no dialog, no request to the remote server (which counts hits), the form does not
/// submit. The page's views are audited with the viewer's identity; a tenant without retention shows that it is off.
/// </summary>
[Collection(TenantHostCollection.Name)]
public sealed class MessageInspectionE2ETests(TenantHost host)
{
    [BrowserFact]
    public async Task A_hostile_html_mail_is_previewed_with_nothing_running_loading_or_submitting()
    {
        await using var remote = await HitCounter.StartAsync();
        using var api = host.Api();
        // Delivery attempts stay on loopback (the host's catch-all route to a closed port): the message waits in the
        // queue, its content is kept.
        var kept = await host.TenantAsync("Kept Shop");
        var plain = await host.TenantAsync("Plain Shop");
        var on = await api.PutAsJsonAsync($"/api/v1/tenants/{kept}/retention", new { enabled = true });
        Assert.True(on.IsSuccessStatusCode, await on.Content.ReadAsStringAsync());
        var html = $"""
            <html><head>
            <style>@import url({remote.BaseUrl}/import.css); body {"{"} background: url({remote.BaseUrl}/background.png); {"}"}</style>
            <link rel="stylesheet" href="{remote.BaseUrl}/linked.css">
            </head><body>
            <p id="greeting">Hello from the preview</p>
            <script>alert('script ran'); fetch('{remote.BaseUrl}/script');</script>
            <img id="broken" src="nope.png" onerror="alert('onerror ran'); new Image().src='{remote.BaseUrl}/onerror';">
            <img id="pixel" src="{remote.BaseUrl}/pixel.gif" alt="pixel">
            <form id="form" action="{remote.BaseUrl}/submit" method="post"><input name="q" value="1"><button id="go" type="submit">Go</button></form>
            </body></html>
            """;
        var id = await SendAsync(api, kept, html);
        var other = await SendAsync(api, plain, "<p>not kept</p>");
        await WaitForContentAsync(host.DataDir, kept, id);

        await using var browser = await Browser.LaunchAsync(host.BaseUrl, enforceCsp: true);
        var page = browser.Page;
        var dialogs = new ConcurrentQueue<string>();
        page.Dialog += (_, d) => { dialogs.Enqueue(d.Message); _ = d.DismissAsync(); };
        var requests = new ConcurrentQueue<string>();
        var responses = new ConcurrentQueue<string>();
        browser.Context.Request += (_, r) => requests.Enqueue(r.Url);
        browser.Context.Response += (_, r) => responses.Enqueue(r.Url);
        var failed = new ConcurrentDictionary<string, string>();
        browser.Context.RequestFailed += (_, r) => failed[r.Url] = r.Failure ?? "";
        await browser.LoginAsync(Users.AdminEmail, Users.Password);
        await browser.WaitForCircuitAsync();

        await browser.GotoInteractiveAsync($"/messages/{id}");
        await Assertions.Expect(page.Locator("#content-headers")).ToContainTextAsync("Subject");
        await page.Locator("#content-tabs .mud-tab", new() { HasText = "Text" }).ClickAsync();
        await Assertions.Expect(page.Locator("#content-text")).ToContainTextAsync("Plain text of the hostile mail");
        await page.Locator("#content-tabs .mud-tab", new() { HasText = "Attachments" }).ClickAsync();
        await Assertions.Expect(page.Locator("#content-attachments")).ToContainTextAsync("report.pdf");
        await Assertions.Expect(page.Locator("#content-attachments")).ToContainTextAsync("application/pdf");
        await page.Locator("#content-tabs .mud-tab", new() { HasText = "HTML preview" }).ClickAsync();

        var iframe = page.Locator("#content-preview");
        Assert.Equal("", await iframe.GetAttributeAsync("sandbox"));
        var frame = page.FrameLocator("#content-preview");
        await Assertions.Expect(frame.Locator("#greeting")).ToHaveTextAsync("Hello from the preview");
        // The form: clicking its button must not submit (the sandbox has no allow-forms; the policy has form-action 'none').
        await frame.Locator("#go").ClickAsync();
        await Task.Delay(1500);
        await Assertions.Expect(frame.Locator("#greeting")).ToHaveTextAsync("Hello from the preview");
        await browser.ScreenshotAsync("inspection-preview");

        Assert.Empty(dialogs);
        Assert.Empty(remote.Hits);
        Assert.True(!responses.Any(u => u.StartsWith(remote.BaseUrl, StringComparison.Ordinal)), "Responses from the remote server: " + string.Join(", ", responses));
        // Chromium reports the remote image and styles as requests the policy blocked before they left the browser
        // (failure "csp"): every one of them must have failed, none answered, and the server saw none.
        var remoteRequests = requests.Where(u => u.StartsWith(remote.BaseUrl, StringComparison.Ordinal)).Distinct().ToList();
        Assert.All(remoteRequests, u => Assert.True(failed.TryGetValue(u, out var why) && why.Contains("csp", StringComparison.OrdinalIgnoreCase),
            $"{u} was not blocked by the policy: {failed.GetValueOrDefault(u) ?? "no failure"}"));
        Assert.DoesNotContain(requests, u => u.Contains("/submit", StringComparison.Ordinal) || u.Contains("/script", StringComparison.Ordinal) || u.Contains("/onerror", StringComparison.Ordinal));
        Assert.Contains(requests, u => u.Contains($"/messages/{id}/content/preview", StringComparison.Ordinal));

        // The page and the preview were both written to the audit log with the admin's identity (the API's audit log).
        var audit = await api.GetFromJsonAsync<JsonElement>($"/api/v1/audit?take=200&search={Uri.EscapeDataString(id)}");
        var rows = audit.GetProperty("items").EnumerateArray()
            .Where(e => e.GetProperty("target").GetString() == id && e.GetProperty("action").GetString()!.StartsWith("message.content", StringComparison.Ordinal))
            .Select(e => new { Action = e.GetProperty("action").GetString(), Actor = e.GetProperty("actor").GetString() })
            .ToList();
        Assert.Contains(rows, r => r.Action == "message.content.view" && r.Actor == "user:" + Users.AdminEmail);
        Assert.Contains(rows, r => r.Action == "message.content.preview" && r.Actor == "user:" + Users.AdminEmail);

        // A tenant without retention: the page says so, and shows no content.
        await browser.GotoInteractiveAsync($"/messages/{other}");
        await Assertions.Expect(page.Locator("#retention-off")).ToContainTextAsync("retention is off");
        await Assertions.Expect(page.Locator("#content-tabs")).ToHaveCountAsync(0);
        Assert.Empty(remote.Hits);
    }

    private static async Task WaitForContentAsync(string dataDir, string tenant, string id)
    {
        var dir = Path.Combine(dataDir, "inspection", tenant);
        for (var i = 0; i < 200; i++)
        {
            if (Directory.Exists(dir) && Directory.EnumerateFiles(dir, id + ".msg", SearchOption.AllDirectories).Any()) return;
            await Task.Delay(50);
        }
        Assert.Fail($"The content of {id} was not retained under {dir}.");
    }

    private static async Task<string> SendAsync(HttpClient api, string tenant, string html)
    {
        var response = await api.PostAsJsonAsync("/api/v1/messages", new
        {
            from = $"news@{tenant}.example",
            to = new[] { "reader@inspection.example" },
            subject = "Hostile preview",
            text = "Plain text of the hostile mail",
            html,
            attachments = new[] { new { filename = "report.pdf", contentType = "application/pdf", content = Convert.ToBase64String(new byte[2048]) } },
            tenantId = tenant,
        });
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
    }
}
