namespace Appliance.Mta.Queue;

/// <summary>An admin decision applied to an item when a sender next sees it.</summary>
public enum CancelAction : byte
{
    /// <summary>No admin decision; the item is sent normally.</summary>
    None,
    /// <summary>
    /// Fail the item's recipients permanently with the admin's reason (550 5.0.0) and send DSNs as for any bounce.
    /// </summary>
    Bounce,
    /// <summary>Finish the item's recipients silently: no delivery, no DSN.</summary>
    Delete,
}
