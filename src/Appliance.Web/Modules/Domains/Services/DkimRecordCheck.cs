namespace Appliance.Web.Modules.Domains.Services;

/// <summary>The outcome of looking up one selector's record, with the reason in words.</summary>
public sealed record DkimRecordCheck(string Selector, string RecordName, DkimRecordState State, string Explanation);
