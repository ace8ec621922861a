namespace Appliance.Mta.Tests.Corpora;

/// <summary>A fact that skips, with the reason, when the named corpus is absent.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class CorpusFactAttribute : FactAttribute
{
    public CorpusFactAttribute(string corpus)
    {
        if (Corpus.Folder(corpus) is null) Skip = Corpus.SkipReason(corpus);
    }
}
