using IomAssistant.Knowledge.Text;

namespace IomAssistant.Knowledge.Tests.Words;

public class FoldedWordsTests
{
    [Theory]
    [InlineData("Quito", "quito")]
    [InlineData("IOM", "iom")]
    [InlineData("2011", "2011")]
    [InlineData("migrants", "migrants")]
    public void Folds_a_word_as_the_text_folding_does(string written, string folded) =>
        Assert.Equal(folded, new FoldedWords().Of(written));

    [Fact]
    public void A_word_read_again_is_the_same_string()
    {
        var words = new FoldedWords();
        var first = words.Of("Migration and migration".AsSpan(0, 9));
        Assert.Same(first, words.Of("Migration"));
        Assert.Equal("migration", words.Of("Migration and migration".AsSpan(14)));
    }

    [Fact]
    public void Counting_with_remembered_words_gives_the_same_words_and_votes()
    {
        const string text = "The Quito Process met in Quito. The process (Quito) goes on: IOM and the IOM office.";
        var (tokens, votes, known) = (new List<string>(), new List<(string, bool)>(), new FoldedWords());
        TextFolding.WordsAndVotes(text, tokens, votes);
        var (againTokens, againVotes) = (new List<string>(), new List<(string, bool)>());
        TextFolding.WordsAndVotes(text, againTokens, againVotes, known);
        TextFolding.WordsAndVotes(text, againTokens, againVotes, known);
        Assert.Equal(tokens.Concat(tokens), againTokens);
        Assert.Equal(votes.Concat(votes), againVotes);
    }
}
