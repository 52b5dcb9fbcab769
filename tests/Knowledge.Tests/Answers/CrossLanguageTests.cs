using IomAssistant.Knowledge.Answers;

namespace IomAssistant.Knowledge.Tests.Answers;

public class CrossLanguageTests(CorpusDocumentsOnly corpus) : IClassFixture<CorpusDocumentsOnly>
{
    [Theory]
    [InlineData("firmaron", "es", "sign")]
    [InlineData("remesas", "es", "remittance")]
    [InlineData("sede", "es", "headquarters")]
    [InlineData("residencia", "pt", "residence")]
    [InlineData("assinou", "pt", "sign")]
    public void A_word_nobody_listed_is_carried_to_English(string word, string language, string english) =>
        Assert.Contains(english, CrossLanguage.ToEnglish(word, language).Words);

    [Theory]
    [InlineData("puede", "es")]
    [InlineData("fue", "es")]
    public void A_word_whose_first_sense_is_a_function_word_carries_nothing(string word, string language)
    {
        var carried = CrossLanguage.ToEnglish(word, language);
        Assert.True(carried.FunctionWord);
        Assert.Empty(carried.Words);
    }

    [Fact]
    public void English_questions_are_not_carried() =>
        Assert.Same(CrossLanguage.Carried.None, CrossLanguage.ToEnglish("sede", "en"));

    [Theory]
    [InlineData("residensia", "es", "residencia")]
    [InlineData("declaracao", "pt", "declaracao")]
    public void A_typo_of_a_Spanish_or_Portuguese_word_is_the_dictionary_word(string typo, string language, string word) =>
        Assert.Equal(word, CrossLanguage.Correct(typo, language));

    [Fact]
    public void A_question_in_Spanish_reads_as_English_concepts_and_keeps_names_as_written()
    {
        var lexicon = corpus.Engine.Lexicon;
        var q = Question.Read("¿Cuándo firmaron la declaración en Quito?", lexicon, "es");
        var concepts = Concept.Read(q, lexicon);
        Assert.Contains(concepts, c => c.Word == "firmaron" && c.Alternatives.Any(a => a.Stem == "sign"));
        Assert.DoesNotContain(concepts.Single(c => c.Word == "quito").Alternatives, a => a.Stem == "remov");
    }

    // "en el extranjero" is "abroad" as a whole: none of its words alone says it.
    [Theory]
    [InlineData("¿Cuántos hogares tienen un familiar en el extranjero?", "es", "extranjero", "abroad")]
    [InlineData("¿Desde cuándo está en vigor el acuerdo?", "es", "vigor", "forc")]
    public void A_phrase_of_the_dictionary_carries_what_it_says_as_a_whole(string question, string language, string word, string stem)
    {
        var lexicon = corpus.Engine.Lexicon;
        var concepts = Concept.Read(Question.Read(question, lexicon, language), lexicon);
        Assert.Contains(concepts.Single(c => c.Word == word).Alternatives, a => a.Stem == stem);
    }
}
