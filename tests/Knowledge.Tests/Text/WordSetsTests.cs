using IomAssistant.Knowledge.Text;

namespace IomAssistant.Knowledge.Tests.Words;

public class WordSetsTests
{
    [Theory]
    [InlineData("staff", "office staff projects", true)]
    [InlineData("staff employe", "projects missions", false)]
    [InlineData("", "office", false)]
    [InlineData("office", "", false)]
    public void Two_sets_share_a_word_whichever_is_larger(string some, string other, bool shared)
    {
        var (a, b) = (Set(some), Set(other));
        Assert.Equal(shared, a.SharesAny(b));
        Assert.Equal(shared, b.SharesAny(a));
        Assert.Equal(a.Overlaps(b), a.SharesAny(b));
    }

    [Theory]
    [InlineData("regional office", "the regional office in buenos aires", true)]
    [InlineData("regional office", "the office in buenos aires", false)]
    [InlineData("", "office", true)]
    public void A_set_is_all_in_another_whatever_their_comparers(string some, string other, bool all)
    {
        // A set of another comparer than the other's: the case the framework's subset test walks whole.
        var words = new HashSet<string>(Set(some), StringComparer.OrdinalIgnoreCase);
        Assert.Equal(all, words.AllIn(Set(other)));
        Assert.Equal(words.IsSubsetOf(Set(other)), words.AllIn(Set(other)));
    }

    private static HashSet<string> Set(string words) => new(words.Split(' ', StringSplitOptions.RemoveEmptyEntries), StringComparer.Ordinal);
}
