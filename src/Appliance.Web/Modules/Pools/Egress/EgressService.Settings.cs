using Appliance.Mta.Egress;
using Appliance.Web.Services;

namespace Appliance.Web.Modules.Pools.Egress;

public sealed partial class EgressService
{
    public Task<ServiceResult<EgressSettingsDto>> SaveSettingsAsync(EgressSettingsDto request, string actor, CancellationToken ct = default)
    {
        var defaultPool = string.IsNullOrWhiteSpace(request.DefaultPool) ? null : request.DefaultPool.Trim();
        if (!Enum.IsDefined(request.Overflow)) return Task.FromResult(ServiceResult<EgressSettingsDto>.Invalid("overflow", "The overflow must be warmSources or wait."));
        EgressSettingsDto? before = null;
        return ChangeAsync<EgressSettingsDto>((state, db) =>
        {
            before = state.Settings is null ? null : ToDto(state.Settings);
            if (state.Settings is null)
            {
                state.Settings = new EgressSettingsRecord();
                db.EgressSettings.Add(state.Settings);
            }
            state.Settings.DefaultPool = defaultPool is null ? null : state.Pool(defaultPool)?.Name ?? defaultPool;
            state.Settings.Overflow = request.Overflow;
            state.Settings.AllowSharedStreams = request.AllowSharedStreams;
            return Task.FromResult<ServiceResult<EgressSettingsDto>?>(ServiceResult<EgressSettingsDto>.Ok(ToDto(state.Settings)));
        }, after => ("egress-settings.update", "egress", before, after), actor, ct);
    }

    /// <summary>The overflow mode names as the API spells them.</summary>
    public static IReadOnlyList<WarmupOverflow> OverflowModes { get; } = Enum.GetValues<WarmupOverflow>();
}
