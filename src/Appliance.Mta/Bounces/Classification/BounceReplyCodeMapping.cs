namespace Appliance.Mta.Bounces.Classification;

/// <summary>
/// RFC 5321 §4.2.2 basic reply code to category: the last resort when neither a rule, the enhanced status code nor the
/// text decided (e.g. 551 "user not local", 553 "mailbox name not allowed").
/// </summary>
public sealed record BounceReplyCodeMapping(int Code, string Category, bool? Hard = null);
