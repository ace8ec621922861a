using System.Net;
using MimeKit.Text;

namespace Appliance.Web.Modules.Inspection;

/// <summary>
/// The HTML preview of a retained message, served alone (never inside the panel's page) with <see cref="ContentSecurityPolicy"/>
/// and shown in an iframe whose <c>sandbox</c> has neither allow-scripts nor allow-same-origin (nor allow-forms).
/// The policy and the sandbox are what keep scripts, remote loads and forms dead. The HTML also loses script, meta
/// (a refresh navigates the frame, which no policy stops), base, link, frames and plugins, and every on* attribute:
/// a second line, not a sanitizer.
/// </summary>
public static class HtmlPreview
{
    /// <summary>
    /// Nothing but inline styles and data: images; no scripts, no fetches, no frames, no form targets, no base URL;
    /// framed only by the panel itself.
    /// </summary>
    public const string ContentSecurityPolicy =
        "default-src 'none'; style-src 'unsafe-inline'; img-src data:; form-action 'none'; base-uri 'none'; frame-ancestors 'self'";

    /// <summary>The sandbox attribute of the preview iframe: every restriction on (an empty token list).</summary>
    public const string SandboxAttribute = "";

    public static string Render(MessageContentParts parts)
    {
        ArgumentNullException.ThrowIfNull(parts);
        if (parts.Html is null)
            return "<!DOCTYPE html><html><head><meta charset=\"utf-8\"></head><body><pre style=\"white-space: pre-wrap\">" + WebUtility.HtmlEncode(parts.Text ?? "(no text)") + "</pre></body></html>";
        var converter = new HtmlToHtml { FilterComments = true, HtmlTagCallback = Filter };
        using var output = new StringWriter(System.Globalization.CultureInfo.InvariantCulture);
        converter.Convert(new StringReader(parts.Html), output);
        return output.ToString();
    }

    private static void Filter(HtmlTagContext context, HtmlWriter writer)
    {
        if (context.TagId is HtmlTagId.Script or HtmlTagId.Meta or HtmlTagId.Base or HtmlTagId.Link or HtmlTagId.IFrame or HtmlTagId.Frame
            or HtmlTagId.FrameSet or HtmlTagId.Object or HtmlTagId.Embed or HtmlTagId.Applet)
        {
            context.DeleteTag = true;
            context.DeleteEndTag = true;
            context.SuppressInnerContent = context.TagId == HtmlTagId.Script;
            return;
        }
        context.WriteTag(writer, false);
        foreach (var attribute in context.Attributes)
            if (!attribute.Name.StartsWith("on", StringComparison.OrdinalIgnoreCase)) writer.WriteAttribute(attribute);
    }
}
