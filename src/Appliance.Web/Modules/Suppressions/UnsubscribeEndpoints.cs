using System.Text.Encodings.Web;
using Appliance.Mta.Suppression;

namespace Appliance.Web.Modules.Suppressions;

/// <summary>
/// The public one-click unsubscribe endpoint (RFC 8058). POST /unsubscribe/{token} (the mailbox provider's
/// one-click request, body "List-Unsubscribe=One-Click") records the unsubscribe at once; GET shows a confirmation
/// page whose button POSTs, because link scanners follow GET links (RFC 8058 §3.2). A forged token answers 404 and
/// records nothing. No authentication: the signed token is the authorisation.
/// </summary>
public static class UnsubscribeEndpoints
{
    public const string Path = "/unsubscribe";

    public static IEndpointRouteBuilder MapUnsubscribeEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup(Path).AllowAnonymous().ExcludeFromDescription();
        group.MapGet("/{token}", Confirm);
        group.MapPost("/{token}", RecordAsync).DisableAntiforgery();
        return app;
    }

    private static IResult Confirm(string token, UnsubscribeTokenCodec codec)
    {
        if (codec.TryDecode(token) is not { } t) return NotFound();
        var who = HtmlEncoder.Default.Encode(t.Recipient);
        var action = HtmlEncoder.Default.Encode($"{Path}/{token}");
        return TypedResults.Content(Page("Unsubscribe",
            $"<p>Stop sending mail to <strong>{who}</strong>?</p><form method=\"post\" action=\"{action}\"><input type=\"hidden\" name=\"List-Unsubscribe\" value=\"One-Click\"><button id=\"unsubscribe\" type=\"submit\">Unsubscribe</button></form>"),
            "text/html; charset=utf-8");
    }

    private static async Task<IResult> RecordAsync(string token, UnsubscribeRecorder recorder, CancellationToken ct)
    {
        if (await recorder.RecordAsync(token, "one-click", ct) is not { } t) return NotFound();
        return TypedResults.Content(Page("Unsubscribed", $"<p id=\"done\"><strong>{HtmlEncoder.Default.Encode(t.Recipient)}</strong> is unsubscribed.</p>"), "text/html; charset=utf-8");
    }

    private static IResult NotFound() =>
        TypedResults.Problem("This unsubscribe link is not valid.", statusCode: StatusCodes.Status404NotFound, title: "Not Found");

    private static string Page(string title, string body) =>
        $"<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>{title}</title><link rel=\"icon\" href=\"data:,\"></head><body style=\"font-family:sans-serif;max-width:40em;margin:3em auto\"><h1>{title}</h1>{body}</body></html>";
}
