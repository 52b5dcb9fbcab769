using System.Runtime.CompilerServices;
using IomAssistant.Knowledge.Caching;

namespace IomAssistant.Knowledge.Tests.Caching;

public class BoundedCacheTests
{
    [Fact]
    public void Remembers_what_is_added_and_makes_a_value_only_once()
    {
        var cache = new BoundedCache<string, int>(10, StringComparer.Ordinal);
        var made = new StrongBox<int>();

        cache.Add("a", 1);
        var first = cache.GetOrAdd("b", static (_, made) => ++made.Value, made);
        var again = cache.GetOrAdd("b", static (_, made) => ++made.Value, made);

        Assert.True(cache.TryGetValue("a", out var a));
        Assert.Equal(1, a);
        Assert.Equal(1, first);
        Assert.Equal(1, again);
        Assert.Equal(1, made.Value);
    }

    [Fact]
    public void A_full_cache_is_emptied_before_it_takes_one_more()
    {
        var cache = new BoundedCache<int, int>(3);
        for (var i = 0; i < 3; i++)
            cache.Add(i, i);

        cache.Add(3, 3);

        Assert.True(cache.TryGetValue(3, out _));
        Assert.All(new[] { 0, 1, 2 }, i => Assert.False(cache.TryGetValue(i, out _)));
    }

    [Fact]
    public void Never_holds_more_than_its_capacity_however_many_threads_add()
    {
        var cache = new BoundedCache<int, int>(100);

        Parallel.For(0, 100_000, i => cache.Add(i, i));

        var held = Enumerable.Range(0, 100_000).Count(i => cache.TryGetValue(i, out _));
        // Threads adding while another empties it may each slip one entry in.
        Assert.InRange(held, 1, 2 * 100);
    }
}
