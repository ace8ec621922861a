namespace Appliance.Web.Cluster.Panel;

/// <summary>
/// One node's answer to a fan-out: its value, or why there is none (did not answer in time, unreachable, an error
/// status). A node that does not answer is shown as such; it never holds up the others.
/// </summary>
public sealed record NodeAnswer<T>(string Node, T? Value, string? Error) where T : class
{
    public bool Answered => Error is null && Value is not null;

    public static NodeAnswer<T> Of(string node, T value) => new(node, value, null);

    public static NodeAnswer<T> Failed(string node, string error) => new(node, null, error);
}
