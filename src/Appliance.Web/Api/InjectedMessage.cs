namespace Appliance.Web.Api;

/// <summary>The wire form of an injected message (CRLF line ends) and what was read from its headers.</summary>
public sealed record InjectedMessage(byte[] Content, string? MessageId, string? Campaign, string? Stream, bool HasEightBit, bool HasUtf8Headers);
