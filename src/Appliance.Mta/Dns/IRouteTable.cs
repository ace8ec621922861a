namespace Appliance.Mta.Dns;

/// <summary>The route table; the host keeps it in SQLite and tells the engine about changes by replacing it.</summary>
public interface IRouteTable
{
    /// <summary>The route for a destination domain: exact match first, then "*", else null (use MX).</summary>
    Route? Find(string domain);
}
