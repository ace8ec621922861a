using Appliance.Mta.Events;
using Appliance.Mta.Policy;
using Appliance.Mta.Reception;

namespace Appliance.Mta.Hosting;

/// <summary>Stands in for a host slot of <see cref="EnginePipeline"/> the host left empty: continues, and is skipped where lists are built.</summary>
internal sealed class AbsentHostStep(int order) : IRecipientPolicy, IReceptionFilter, IEventListener
{
    public static readonly AbsentHostStep Instance = new(0);

    public int Order => order;

    public RecipientDecision Evaluate(in RecipientCheck check) => RecipientDecision.Continue;

    public ValueTask<ReceptionVerdict> FilterAsync(ReceptionMessage message, CancellationToken cancellationToken) =>
        ValueTask.FromResult(ReceptionVerdict.Continue);

    public void OnEvent(MtaEvent e)
    {
    }
}
