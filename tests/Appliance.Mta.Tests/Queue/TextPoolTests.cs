using Appliance.Mta.Queue;

namespace Appliance.Mta.Tests.Queue;

public sealed class TextPoolTests
{
    [Fact]
    public void Equal_texts_share_one_instance()
    {
        var pool = new TextPool();
        var first = pool.Share(new string("451 4.7.1 Try again later".AsSpan()));
        var second = pool.Share(new string("451 4.7.1 Try again later".AsSpan()));
        Assert.Same(first, second);
        Assert.Null(pool.Share(null));
    }

    [Fact]
    public void The_pool_is_bounded_and_long_texts_are_not_pooled()
    {
        var pool = new TextPool();
        var early = pool.Share(new string("early".AsSpan()));
        for (var i = 0; i < TextPool.Capacity; i++) pool.Share("unique reply " + i);
        // The pool started over: a new equal text is no longer mapped to the early instance.
        Assert.NotSame(early, pool.Share(new string("early".AsSpan())));

        var longText = new string('x', TextPool.MaxLength + 1);
        Assert.Same(longText, pool.Share(longText));
        Assert.NotSame(pool.Share(new string(longText.AsSpan())), longText);
    }
}
