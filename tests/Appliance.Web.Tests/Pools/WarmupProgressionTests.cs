using Appliance.Web.Modules.Pools.Warmup;

namespace Appliance.Web.Tests.Pools;

/// <summary>The warmup rules with synthetic days and volumes: plan caps, day advance, hold, step back, resume at 50 %, warning band.</summary>
public sealed class WarmupProgressionTests
{
    private static readonly DateOnly Start = new(2031, 3, 1);
    private static readonly IReadOnlyList<WarmupStep> EightWeek = WarmupTemplates.EightWeek;

    private static WarmupAttachmentRecord Attachment() => new() { Source = "ip1", StartDate = Start, PlanDayDate = Start };

    private static WarmupDayRecord Day(long delivered, long bounced, long complaints = 0, long? sent = null) =>
        new() { Source = "ip1", Sent = sent ?? delivered + bounced, Delivered = delivered, Bounced = bounced, Complaints = complaints };

    [Theory]
    [InlineData(1, 200L)]
    [InlineData(8, 500L)]
    [InlineData(10, 500L)]
    [InlineData(11, 2_000L)]
    [InlineData(17, 10_000L)]
    [InlineData(18, 25_000L)]
    [InlineData(21, 75_000L)]
    [InlineData(28, 150_000L)]
    [InlineData(29, 300_000L)]
    [InlineData(36, 600_000L)]
    [InlineData(49, 1_000_000L)]
    [InlineData(50, null)]
    [InlineData(400, null)]
    public void The_eight_week_template_has_the_issues_caps(int planDay, long? cap) => Assert.Equal(cap, WarmupSchedule.Cap(EightWeek, planDay));

    [Fact]
    public void The_template_is_a_valid_plan_and_broken_steps_are_refused()
    {
        Assert.Empty(WarmupSchedule.Validate(EightWeek));
        Assert.NotEmpty(WarmupSchedule.Validate([new(2, 3, 10)]));
        Assert.NotEmpty(WarmupSchedule.Validate([new(1, 3, null), new(4, 5, 10)]));
        Assert.NotEmpty(WarmupSchedule.Validate([new(1, 3, 10), new(5, 6, 10)]));
        Assert.NotEmpty(WarmupSchedule.Validate([new(1, 3, 0)]));
    }

    [Fact]
    public void The_plan_day_advances_once_per_utc_day_and_completes_at_full()
    {
        var a = Attachment();
        Assert.Equal(0, WarmupProgression.Cap(a, EightWeek, Start.AddDays(-1)));
        WarmupProgression.Advance(a, EightWeek, Start);
        Assert.Equal((1, 200L), (a.PlanDay, WarmupProgression.Cap(a, EightWeek, Start)!.Value));
        WarmupProgression.Advance(a, EightWeek, Start.AddDays(9));
        Assert.Equal((10, 500L), (a.PlanDay, WarmupProgression.Cap(a, EightWeek, Start.AddDays(9))!.Value));
        WarmupProgression.Advance(a, EightWeek, Start.AddDays(49));
        Assert.Equal(WarmupState.Completed, a.State);
        Assert.Null(WarmupProgression.Cap(a, EightWeek, Start.AddDays(49)));
    }

    [Fact]
    public void Bounces_above_five_percent_hold_step_back_and_resume_at_half_the_volume()
    {
        var a = Attachment();
        var holdDay = Start.AddDays(42); // plan day 43: 1,000,000
        WarmupProgression.Advance(a, EightWeek, holdDay);
        Assert.Equal(1_000_000L, WarmupProgression.Cap(a, EightWeek, holdDay));

        var reason = WarmupProgression.Evaluate(a, EightWeek, holdDay, Day(delivered: 9_400, bounced: 600), minimumSample: 100);
        Assert.Contains("bounce rate 6 %", reason, StringComparison.Ordinal);
        Assert.Equal(WarmupState.Held, a.State);
        Assert.Equal(0L, WarmupProgression.Cap(a, EightWeek, holdDay));
        Assert.Equal(36, a.PlanDay); // stepped back to the first day of the 600,000 step
        Assert.Equal(500_000L, a.ResumeCap);

        var resume = holdDay.AddDays(1);
        WarmupProgression.Advance(a, EightWeek, resume);
        Assert.Equal(WarmupState.Active, a.State);
        Assert.Equal(500_000L, WarmupProgression.Cap(a, EightWeek, resume)); // min(50 % of 1,000,000, 600,000)
        WarmupProgression.Advance(a, EightWeek, resume.AddDays(1));
        Assert.Equal((37, 600_000L), (a.PlanDay, WarmupProgression.Cap(a, EightWeek, resume.AddDays(1))!.Value));
    }

    [Fact]
    public void The_resume_day_never_exceeds_the_stepped_back_step()
    {
        var a = Attachment();
        var holdDay = Start.AddDays(18); // plan day 19: 25,000; back to day 15: 10,000
        WarmupProgression.Advance(a, EightWeek, holdDay);
        Assert.NotNull(WarmupProgression.Evaluate(a, EightWeek, holdDay, Day(900, 100), 100));
        Assert.Equal((15, 12_500L), (a.PlanDay, a.ResumeCap!.Value));
        WarmupProgression.Advance(a, EightWeek, holdDay.AddDays(1));
        Assert.Equal(10_000L, WarmupProgression.Cap(a, EightWeek, holdDay.AddDays(1)));
    }

    [Fact]
    public void Complaints_above_half_a_percent_hold()
    {
        var a = Attachment();
        WarmupProgression.Advance(a, EightWeek, Start.AddDays(3));
        Assert.Contains("complaint rate", WarmupProgression.Evaluate(a, EightWeek, Start.AddDays(3), Day(1_000, 0, complaints: 6), 100), StringComparison.Ordinal);
        Assert.Equal(100L, a.ResumeCap);
        Assert.Equal(1, a.PlanDay);
    }

    [Theory]
    [InlineData(970, 30, 0, "warning")]  // 3 % bounces
    [InlineData(1000, 0, 2, "warning")]  // 0.2 % complaints
    [InlineData(990, 10, 0, "ok")]       // 1 % bounces
    [InlineData(940, 60, 0, "hold")]     // 6 % bounces
    public void The_warning_band_shows_without_holding(long delivered, long bounced, long complaints, string health)
    {
        var a = Attachment();
        WarmupProgression.Advance(a, EightWeek, Start);
        var day = Day(delivered, bounced, complaints);
        Assert.Equal(health, WarmupProgression.Health(a, day));
        var held = WarmupProgression.Evaluate(a, EightWeek, Start, day, 100) is not null;
        Assert.Equal(health == "hold", held);
    }

    [Fact]
    public void A_small_sample_never_holds_and_thresholds_are_per_attachment()
    {
        var a = Attachment();
        WarmupProgression.Advance(a, EightWeek, Start);
        Assert.Null(WarmupProgression.Evaluate(a, EightWeek, Start, Day(5, 5), minimumSample: 100));
        a.BounceHold = 0.10;
        Assert.Null(WarmupProgression.Evaluate(a, EightWeek, Start, Day(920, 80), 100));
        Assert.NotNull(WarmupProgression.Evaluate(a, EightWeek, Start, Day(880, 120), 100));
    }
}
