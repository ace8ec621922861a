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

    private static Func<WebhookRequest, Task<ServiceResult<WebhookResponse>>> Validating(List<WebhookRequest> sent) => request =>
    {
        sent.Add(request);
        return Task.FromResult(WebhookService.Validate(request, out _, out _).ToResult<WebhookResponse>());
    };

    [Fact]
    public async Task An_invalid_url_shows_its_message_under_the_url_field()
    {
        await using var ctx = Context();
        var sent = new List<WebhookRequest>();
        var form = ctx.Render<WebhookForm>(p => p.Add(f => f.Save, Validating(sent)));

        form.Find("#webhook-url input").Change("ftp://hooks.example.com/");
        form.Find("#save-webhook").Click();

        var request = Assert.Single(sent);
        Assert.Equal("ftp://hooks.example.com/", request.Url);
        Assert.Equal(["Bounce", "Delivery"], request.EventTypes!.Order(StringComparer.Ordinal));
        Assert.Contains("absolute http:// or https:// URL", form.Find("#webhook-url").TextContent, StringComparison.Ordinal);
        Assert.Empty(form.FindAll("#webhook-types-error"));
    }

    [Fact]
    public async Task No_event_type_shows_the_filter_message()
    {
        await using var ctx = Context();
        var sent = new List<WebhookRequest>();
        var form = ctx.Render<WebhookForm>(p => p.Add(f => f.Save, Validating(sent)));

        form.Find("#webhook-url input").Change("https://hooks.example.com/");
        foreach (var box in form.FindAll("#webhook-types input[type=checkbox]").Where(b => b.HasAttribute("checked")).ToList())
            box.Change(false);
        form.Find("#save-webhook").Click();

        Assert.Empty(sent[^1].EventTypes!);
        Assert.Contains("Choose at least one event type", form.Find("#webhook-types-error").TextContent, StringComparison.Ordinal);
    }
}
