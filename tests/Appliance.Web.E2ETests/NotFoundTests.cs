using Appliance.Web.E2ETests.Infrastructure;
using Microsoft.Playwright;

namespace Appliance.Web.E2ETests;

public sealed class NotFoundTests
{
    [BrowserFact]
    public async Task Unknown_addresses_answer_404_and_show_a_not_found_page_inside_the_shell()
    {
        using var app = Users.WithAdmin();
        await using var browser = await Browser.LaunchAsync(app.BaseUrl);
        await browser.LoginAsync(Users.AdminEmail, Users.Password);
        await browser.WaitForCircuitAsync();

        var direct = await browser.Page.APIRequest.GetAsync("/no-such-page");
        Assert.Equal(404, direct.Status);

        await browser.Page.EvaluateAsync("Blazor.navigateTo('/no-such-page')");
        await Assertions.Expect(browser.Page.Locator("#not-found")).ToBeVisibleAsync();
        await Assertions.Expect(browser.Page.Locator("#current-user")).ToHaveTextAsync(Users.AdminEmail);
    }
}
