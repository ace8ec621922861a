using Appliance.Web.E2ETests.Infrastructure;

namespace Appliance.Web.E2ETests.StartPath;

/// <summary>The published folder (what the packages install) gives the same working admin panel as the README's
/// `dotnet run`: the static-assets fix for build output must not change how a publish serves them.</summary>
[Collection(PublishedHostCollection.Name)]
public sealed class PublishedFolderTests(PublishedHost host)
{
    [BrowserFact]
    public Task The_published_admin_panel_gets_its_css_and_javascript_and_responds_to_a_click() => ReadmeCommandTests.AdminPanelWorksAsync(host);
}
