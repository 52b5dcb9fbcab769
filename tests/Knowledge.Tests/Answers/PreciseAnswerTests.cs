using IomAssistant.Knowledge.Answers;

namespace IomAssistant.Knowledge.Tests.Answers;

public class PreciseAnswerTests
{
    private static Concept C(string stem, double weight = 1) => new(stem, [(stem, 1f)], weight, Known: true, Named: false);

    [Fact]
    public void A_short_passage_is_shown_whole_with_the_sentence_that_explains_most()
    {
        var passage = "The office opened in 2011. It has 515 staff. Its director is based in Buenos Aires.";
        var (sentence, text) = PreciseAnswer.Select(passage, [C("staff"), C("515")], 1200);
        Assert.Equal("It has 515 staff.", sentence);
        Assert.Equal(passage, text);
    }

    [Fact]
    public void A_long_passage_shows_whole_sentences_around_the_best_one_within_the_limit()
    {
        var filler = string.Join(" ", Enumerable.Range(0, 30).Select(i => $"Sentence number {i} says nothing of interest here."));
        var passage = filler + " The Quito Declaration was adopted on 4 September 2018. " + filler;
        var (sentence, text) = PreciseAnswer.Select(passage, [C("quito", 3), C("declar", 2)], 400);
        Assert.Equal("The Quito Declaration was adopted on 4 September 2018.", sentence);
        Assert.Contains(sentence, text);
        Assert.True(text.Length <= 400);
        Assert.EndsWith(".", text);
    }

    [Theory]
    [InlineData("One. Two! Three? Four", 4)]
    [InlineData("Dr. smith arrived. Then (in 2011) he left.", 2)]
    [InlineData("", 0)]
    // An initial, a title or "No." before what follows does not end the sentence.
    [InlineData("A committee headed by Nicholas E. Golovin in July 1961 met. It chose a mode.", 2)]
    [InlineData("Dr. Smith arrived. Then he left.", 2)]
    [InlineData("Decision No. 14/96 was adopted. It took effect.", 2)]
    public void Splits_sentences_at_their_ends(string text, int count) =>
        Assert.Equal(count, PreciseAnswer.Sentences(text).Count);
}
