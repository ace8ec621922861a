using Appliance.Web.Services;
using Microsoft.EntityFrameworkCore;

namespace Appliance.Web.Modules.Pools.Egress;

public sealed partial class EgressService
{
    public Task<ServiceResult<EgressSourceDto>> SaveSourceAsync(string? name, EgressSourceRequest request, bool create, string actor, CancellationToken ct = default)
    {
        name = (create ? request.Name : name)?.Trim();
        var errors = new FieldErrors();
        if (!EgressSyntax.IsValidName(name)) errors.Add("name", "The name must be 1-64 letters, digits, '-', '_' or '.'.");
        var bind = string.IsNullOrWhiteSpace(request.BindAddress) ? null : request.BindAddress.Trim();
        if (bind is not null && !EgressSyntax.IsValidBindAddress(bind, out _))
            errors.Add("bindAddress", $"'{bind}' is not an IP address literal (a full IPv4 address such as 192.0.2.10, or an IPv6 address).");
        var ehlo = string.IsNullOrWhiteSpace(request.EhloName) ? null : request.EhloName.Trim().TrimEnd('.').ToLowerInvariant();
        if (ehlo is not null && !EgressSyntax.IsValidEhloName(ehlo)) errors.Add("ehloName", $"'{ehlo}' is not a fully-qualified host name.");
        var node = string.IsNullOrWhiteSpace(request.Node) ? null : request.Node.Trim();
        if (node is not null && !EgressSyntax.IsValidName(node))
            errors.Add("node", $"'{node}' is not a node name (1-64 letters, digits, '-', '_' or '.', as in Appliance:Cluster:NodeName); leave it empty for any node.");
        if (!errors.IsValid) return Task.FromResult(errors.ToResult<EgressSourceDto>());
        EgressSourceDto? before = null;
        return ChangeAsync<EgressSourceDto>((state, db) =>
        {
            var existing = state.Source(name!);
            if (create && existing is not null) return Task.FromResult<ServiceResult<EgressSourceDto>?>(ServiceResult<EgressSourceDto>.Conflict($"An egress source '{name}' already exists."));
            if (!create && existing is null) return Task.FromResult<ServiceResult<EgressSourceDto>?>(ServiceResult<EgressSourceDto>.NotFound($"No egress source '{name}'."));
            before = existing is null ? null : ToDto(existing);
            if (existing is null)
            {
                existing = new EgressSourceRecord { Name = name! };
                state.Sources.Add(existing);
                db.Sources.Add(existing);
            }
            existing.BindAddress = bind;
            existing.EhloName = ehlo;
            existing.Node = node;
            existing.UpdatedAt = Now;
            return Task.FromResult<ServiceResult<EgressSourceDto>?>(ServiceResult<EgressSourceDto>.Ok(ToDto(existing)));
        }, after => (before is null ? "egress-source.create" : "egress-source.update", after.Name, before, after), actor, ct);
    }

    public Task<ServiceResult<EgressSourceDto>> DeleteSourceAsync(string name, string actor, CancellationToken ct = default) =>
        ChangeAsync<EgressSourceDto>(async (state, db) =>
        {
            var existing = state.Source(name);
            if (existing is null) return ServiceResult<EgressSourceDto>.NotFound($"No egress source '{name}'.");
            if (await db.WarmupAttachments.AnyAsync(a => a.Source == existing.Name, ct))
                return ServiceResult<EgressSourceDto>.Conflict($"Egress source '{existing.Name}' has a warmup plan attached; detach it first.");
            state.Sources.Remove(existing);
            db.Sources.Remove(existing);
            return ServiceResult<EgressSourceDto>.Ok(ToDto(existing));
        }, deleted => ("egress-source.delete", deleted.Name, deleted, null), actor, ct);
}
