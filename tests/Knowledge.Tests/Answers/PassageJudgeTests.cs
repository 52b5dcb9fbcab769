using IomAssistant.Knowledge.Answers;
using IomAssistant.Knowledge.Audiences;

namespace IomAssistant.Knowledge.Tests.Answers;

/// <summary>The document stage over the corpus of real documents, without any catalog or glossary.</summary>
public class PassageJudgeTests(CorpusDocumentsOnly corpus) : IClassFixture<CorpusDocumentsOnly>
{
    private DocumentEvidence Judge(string question, string language = "en")
    {
        var lexicon = corpus.Engine.Lexicon;
        return new PassageJudge(corpus.Index, lexicon).Judge(Question.Read(question, lexicon, language), Audience.Public);
    }

    [Theory]
    [InlineData("When was the Quito Declaration adopted?", "en", "quito-process-wikipedia.txt", "4 September 2018")]
    [InlineData("Where is the R4V based?", "en", "r4v-regional-inter-agency-coordination-platform.txt", "Panama City")]
    [InlineData("¿Cuántos peruanos emigraron entre 1990 y 2009?", "es", "iom-peru-country-page.txt", "2,038,107")]
    [InlineData("Quem assinou o acordo entre a OIM e a ONU?", "pt", "iom-joins-un-2016.txt", "Swing")]
    // A name the document opens with ("COVID-19") speaks for passages that do not repeat it.
    [InlineData("How many Venezuelans get relocated a month since COVID?", "en", "iom-brazil-relocation-venezuelans-pandemic.txt", "500 Venezuelans per month")]
    public void The_passage_that_answers_ranks_first(string question, string language, string document, string fact)
    {
        var best = Judge(question, language).Best(ScoringWeights.MinCoverage);
        Assert.NotNull(best);
        Assert.Equal(document, best.Hit.Document);
        Assert.Contains(fact, best.Passage.Text);
    }

    [Theory]
    [InlineData("What's the salary of the R4V coordinator?", "asks for")]
    [InlineData("Will it rain in Lima this weekend?", "beyond names")]
    public void Questions_no_document_can_answer_are_ruled_out_with_the_reason(string question, string reason)
    {
        var evidence = Judge(question);
        Assert.Contains(reason, evidence.RuledOut);
        Assert.Null(evidence.Best(0));
    }

    [Fact]
    public void What_something_is_called_is_asked_without_the_word_documents_use()
    {
        var evidence = Judge("What is the nickname of the local NGO that runs the transit shelter in Belem?");
        Assert.Equal("term", evidence.Shape?.Name);
        Assert.Null(evidence.RuledOut);
        Assert.Contains("Dejobe", evidence.Best(ScoringWeights.MinCoverage)?.Passage.Text);
    }

    [Fact]
    public void A_when_question_is_not_answered_by_a_passage_without_a_date()
    {
        var evidence = Judge("When did Peruvian households receive remittances?");
        Assert.Equal("date", evidence.Shape?.Name);
        Assert.True(evidence.Best(ScoringWeights.MinCoverage) is null || evidence.Best(ScoringWeights.MinCoverage)!.FitsShape);
    }
}
