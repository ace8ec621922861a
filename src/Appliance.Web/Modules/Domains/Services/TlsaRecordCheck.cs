namespace Appliance.Web.Modules.Domains.Services;

/// <summary>The outcome of <see cref="TlsaRecordProbe"/>: the owner name looked up, the state, the published records.</summary>
public sealed record TlsaRecordCheck(string Name, TlsaRecordState State, IReadOnlyList<string> Published, string Explanation);
