using Appliance.Mta.Suppression;
using Appliance.Web.Components.Pages.Suppressions;
using Bunit;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor.Services;

namespace Appliance.Web.Tests.Suppressions;

/// <summary>bUnit: the suppression settings page shows the expiry-suppression rule the engine applies, with the configured lifetime.</summary>
public sealed class ExpirySuppressionRuleTests
{
    [Fact]
    public void The_rule_table_lists_every_policy_row_and_the_soft_bounce_lifetime()
    {
        using var ctx = new BunitContext();
        ctx.JSInterop.Mode = JSRuntimeMode.Loose;
        ctx.Services.AddMudServices();
        ctx.Services.AddSingleton(Microsoft.Extensions.Options.Options.Create(new SuppressionOptions { SoftBounceLifetime = TimeSpan.FromDays(14) }));
        ctx.Services.AddSingleton<Appliance.Web.Modules.Suppressions.SuppressionLifetimes>();

        var cut = ctx.Render<ExpirySuppressionRule>();

        Assert.Contains("for 14 days", cut.Find("#expiry-suppression-rule").TextContent, StringComparison.Ordinal);
        var rows = cut.FindAll("#expiry-suppression-table tbody tr");
        Assert.Equal(ExpirySuppressionPolicy.Table.Count, rows.Count);
        var policy = rows.Single(r => r.Children[0].TextContent == "X.7.x");
        Assert.Equal("no", policy.Children[1].TextContent);
        Assert.Equal("yes", rows.Single(r => r.Children[0].TextContent == "X.2.2").Children[1].TextContent);
    }
}
