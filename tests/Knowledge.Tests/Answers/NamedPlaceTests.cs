using IomAssistant.Knowledge.Answers;
using IomAssistant.Knowledge.Indexing;

namespace IomAssistant.Knowledge.Tests.Answers;

/// <summary>A place the question names must be what the answer speaks of: said in the passage, or in the title of the document it is from.</summary>
public sealed class NamedPlaceTests : IDisposable
{
    private readonly TempFolder _folder = new();
    private readonly KnowledgeIndex _index;
    private readonly AnswerEngine _engine;

    public NamedPlaceTests()
    {
        var knowledge = Path.Combine(_folder.Path, "knowledge");
        Directory.CreateDirectory(knowledge);
        File.WriteAllText(Path.Combine(knowledge, "ecuador.md"), """
            # IOM in Ecuador

            IOM has worked in Ecuador since 1965 and runs sub-offices in Guayaquil and Tulcán.

            ## What we do

            IOM has opened 12 mobile service points where migrants get help completing the online visa application.
            """);
        File.WriteAllText(Path.Combine(knowledge, "peru.md"), """
            # IOM in Peru

            IOM has worked in Peru since 1988.

            ## What we do

            IOM opened 3 mobile service points in Tumbes for the visa application.
            """);
        File.WriteAllText(Path.Combine(knowledge, "final.md"), """
            # The final

            The final was played in Brazil in 2014.

            ## Ceremony

            The singer Ana Rios performed the national anthem before the match.
            """);
        File.WriteAllText(Path.Combine(knowledge, "schools.md"), """
            # Education in Germany

            Education is a matter for each of the states.

            ## Kinds

            Ergänzungsschulen are secondary or post-secondary schools, which are run by private individuals, private organizations or religious groups.
            """);
        var loaded = KnowledgeBase.Load(knowledge);
        _index = KnowledgeIndex.Open(loaded, Path.Combine(_folder.Path, "index"));
        _engine = new AnswerEngine(loaded, _index);
    }

    [Theory]
    [InlineData("How many mobile service points help migrants with visas in Ecuador?", "12 mobile service points")]
    [InlineData("How many mobile service points help migrants with visas in Peru?", "3 mobile service points")]
    public void A_passage_of_a_document_titled_for_the_place_speaks_of_it(string question, string expected)
    {
        var answer = _engine.Ask(question).Answer;

        Assert.NotNull(answer);
        Assert.Contains(expected, answer.Text);
    }

    [Fact]
    public void A_passage_that_names_no_other_country_may_speak_of_a_country_only_extraction_found()
    {
        var answer = _engine.Ask("Who performed the national anthem in Brazil?").Answer;

        Assert.NotNull(answer);
        Assert.Contains("Ana Rios", answer.Text);
    }

    [Fact]
    public void A_passage_of_a_document_about_another_country_does_not()
    {
        var answer = _engine.Ask("How many mobile service points help migrants with visas in Brazil?").Answer;

        Assert.DoesNotContain("mobile service points", answer?.Text ?? "");
    }

    [Fact]
    public void What_the_card_of_a_country_only_extraction_found_lacks_is_still_looked_for_in_the_documents()
    {
        var answer = _engine.Ask("What are private secondary schools in Germany called?").Answer;

        Assert.NotNull(answer);
        Assert.Contains("Ergänzungsschulen", answer.Text);
    }

    public void Dispose()
    {
        _index.Dispose();
        _folder.Dispose();
    }
}
