namespace Appliance.Mta.Shaping;

/// <summary>Where a triggered backoff applies.</summary>
public enum BackoffScope
{
    /// <summary>The ready queue that saw the responses: this source to this site.</summary>
    Queue,

    /// <summary>The site, from every source.</summary>
    Site,

    /// <summary>The source, to every site.</summary>
    Source,
}
