namespace Appliance.Mta.Tests.Corpora;

/// <summary>A theory that skips, with the reason, when the named corpus is absent.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class CorpusTheoryAttribute : TheoryAttribute
{
    public CorpusTheoryAttribute(string corpus)
    {
        if (Corpus.Folder(corpus) is null) Skip = Corpus.SkipReason(corpus);
    }
}
