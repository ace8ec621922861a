namespace Appliance.Web.Modules.Inspection;

/// <summary>How a retained content was looked at; each is audited as <c>message.content.{view|preview|download}</c>.</summary>
public enum ContentView
{
    /// <summary>The message page's content section (headers, text, attachment list).</summary>
    View,

    /// <summary>The sandboxed HTML preview.</summary>
    Preview,

    /// <summary>The raw .eml download.</summary>
    Download,
}
