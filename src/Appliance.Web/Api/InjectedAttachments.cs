using Appliance.Web.Api.Contracts;
using MimeKit;

namespace Appliance.Web.Api;

/// <summary>Validates and adds the attachments of a composed message (base64 content, RFC 2183 filename, RFC 2045 type).</summary>
public static class InjectedAttachments
{
    public const int MaxFilenameLength = 255;

    public static bool AddTo(BodyBuilder body, IReadOnlyList<InjectAttachment>? attachments, ValidationErrors errors)
    {
        for (var i = 0; i < (attachments?.Count ?? 0); i++)
        {
            var a = attachments![i];
            var field = $"attachments[{i}]";
            var name = a.Filename?.Trim() ?? "";
            if (name.Length == 0 || name.Length > MaxFilenameLength || name.Any(char.IsControl) || name.IndexOfAny(['/', '\\']) >= 0)
            {
                errors.Add(field + ".filename", $"A filename of 1 to {MaxFilenameLength} characters without path separators or control characters is required.");
                continue;
            }
            if (!ContentType.TryParse(string.IsNullOrWhiteSpace(a.ContentType) ? "application/octet-stream" : a.ContentType.Trim(), out var type))
            {
                errors.Add(field + ".contentType", $"'{a.ContentType}' is not a MIME type such as application/pdf.");
                continue;
            }
            byte[] bytes;
            try
            {
                bytes = Convert.FromBase64String(a.Content ?? "");
            }
            catch (FormatException)
            {
                errors.Add(field + ".content", $"The content of '{name}' is not valid base64.");
                continue;
            }
            body.Attachments.Add(name, bytes, type);
        }
        return errors.IsValid;
    }
}
