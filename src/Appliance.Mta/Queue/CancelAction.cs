namespace Appliance.Mta.Queue;

/// <summary>An admin decision applied to an item when a sender next sees it.</summary>
public enum CancelAction
{
    None,
    Bounce,
    Delete,
}
