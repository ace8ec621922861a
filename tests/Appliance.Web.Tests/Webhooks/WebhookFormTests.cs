using Appliance.Web.Components.Pages.Webhooks;
using Appliance.Web.Modules.Webhooks.Services;
using Appliance.Web.Services;
using Bunit;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor.Services;

namespace Appliance.Web.Tests.Webhooks;

/// <summary>bUnit: the add/edit form sends what was entered and shows the service's field errors where they belong.</summary>
public sealed class WebhookFormTests
{
    private static BunitContext Context()
    {
        var ctx = new BunitContext();
        ctx.JSInterop.Mode = JSRuntimeMode.Loose;
        ctx.Services.AddMudServices();
        return ctx;
    }

    /// <summary>The page's part: the form raises Save (an EventCallback), the page validates and hands the result back.</summary>
    private static void SaveAndShowResult(IRenderedComponent<WebhookForm> form, List<WebhookRequest> sent)
    {
        form.Find("#save-webhook").Click();
        var result = WebhookService.Validate(sent[^1], out _, out _).ToResult<WebhookResponse>();
        form.Render(p => p.Add(f => f.Result, result));
    }

    [Fact]
    public async Task An_invalid_url_shows_its_message_under_the_url_field()
    {
        await using var ctx = Context();
        var sent = new List<WebhookRequest>();
        var form = ctx.Render<WebhookForm>(p => p.Add(f => f.Save, (WebhookRequest r) => sent.Add(r)));

        form.Find("#webhook-url input").Change("ftp://hooks.example.com/");
        SaveAndShowResult(form, sent);

        var request = Assert.Single(sent);
        Assert.Equal("ftp://hooks.example.com/", request.Url);
        Assert.Equal(["Bounce", "Delivery"], request.EventTypes!.Order(StringComparer.Ordinal));
        Assert.Contains("absolute http:// or https:// URL", form.Find("#webhook-url").TextContent, StringComparison.Ordinal);
        Assert.Empty(form.FindAll("#webhook-types-error"));
        // The re-render with the errors keeps what was typed.
        Assert.Equal("ftp://hooks.example.com/", form.Find("#webhook-url input").GetAttribute("value"));
    }

    [Fact]
    public async Task No_event_type_shows_the_filter_message()
    {
        await using var ctx = Context();
        var sent = new List<WebhookRequest>();
        var form = ctx.Render<WebhookForm>(p => p.Add(f => f.Save, (WebhookRequest r) => sent.Add(r)));

        form.Find("#webhook-url input").Change("https://hooks.example.com/");
        foreach (var box in form.FindAll("#webhook-types input[type=checkbox]").Where(b => b.HasAttribute("checked")).ToList())
            box.Change(false);
        SaveAndShowResult(form, sent);

        Assert.Empty(sent[^1].EventTypes!);
        Assert.Contains("Choose at least one event type", form.Find("#webhook-types-error").TextContent, StringComparison.Ordinal);
    }
}
