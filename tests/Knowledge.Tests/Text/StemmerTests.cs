using IomAssistant.Knowledge.Text;

namespace IomAssistant.Knowledge.Tests.Words;

public class StemmerTests
{
    [Theory]
    [InlineData("offices", "offic")]
    [InlineData("office", "offic")]
    [InlineData("migrants", "migrant")]
    public void English_words_meet_their_other_forms(string word, string stem) =>
        Assert.Equal(stem, Stemmer.English(word));

    [Fact]
    public void A_word_longer_than_any_the_index_keeps_is_left_as_it_is()
    {
        // The index's tokenizer keeps tokens of up to 255 characters.
        var kept = string.Concat(Enumerable.Repeat("ba", 124)) + "ations";
        var tooLong = string.Concat(Enumerable.Repeat("ba", 150)) + "ations";

        Assert.NotEqual(kept, Stemmer.English(kept));
        Assert.Equal(tooLong, Stemmer.English(tooLong));
        Assert.Equal(tooLong, Stemmer.Spanish(tooLong));
        Assert.Equal(tooLong, Stemmer.Portuguese(tooLong));
    }
}
