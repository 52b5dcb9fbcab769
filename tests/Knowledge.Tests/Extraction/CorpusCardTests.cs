using IomAssistant.Knowledge.Answers;

namespace IomAssistant.Knowledge.Tests.Extraction;

/// <summary>
/// The repository's knowledge with other real documents dropped in and nothing written for them:
/// the cards the documents' offices, countries and programmes get, with facts quoted from them.
/// </summary>
public class CorpusCardTests(CorpusKnowledge corpus) : IClassFixture<CorpusKnowledge>
{
    [Theory]
    // A curated country card gains the figures an added country page gives, citing that page.
    [InlineData("Tell me about Peru", "country", "Peru", "2,038,107 Peruvians left", "iom-peru-country-page.txt")]
    [InlineData("Háblame de Perú", "country", "Peru", "2,038,107 Peruvians left", "iom-peru-country-page.txt")]
    // A platform no one curated is a card of its own, in Spanish as in English.
    [InlineData("¿Qué es la R4V?", "topic", "Regional Inter-Agency Coordination Platform for Refugees and Migrants from Venezuela", "17", "r4v-regional-inter-agency-coordination-platform.txt")]
    [InlineData("What is R4V?", "topic", "Regional Inter-Agency Coordination Platform for Refugees and Migrants from Venezuela", "Panama City, Panama", "r4v-regional-inter-agency-coordination-platform.txt")]
    // An operation found by the translation the document gives of its name.
    [InlineData("Operação Acolhida?", "topic", "Operation Welcome", "500 Venezuelans per month", "iom-brazil-relocation-venezuelans-pandemic.txt")]
    [InlineData("What is Operation Welcome?", "topic", "Operation Welcome", "38,643 Venezuelans", "iom-brazil-relocation-venezuelans-pandemic.txt")]
    public void An_entity_a_document_names_has_a_card_with_facts_quoted_from_it(string question, string kind, string title, string value, string document)
    {
        var answer = corpus.Engine.Ask(question).Answer;

        Assert.NotNull(answer);
        Assert.Equal(kind, answer.Kind);
        Assert.Equal(title, answer.Title);
        var fact = Assert.Single(answer.Facts, f => f.Value == value);
        Assert.Equal(document, fact.Document);
        Assert.Contains(Text.TextFolding.ForQuoteMatching(fact.Quote), Text.TextFolding.ForQuoteMatching(corpus.Knowledge.Document(document)!.PlainText));
    }

    [Theory]
    [InlineData("¿Qué es el Acuerdo de Residencia del MERCOSUR?")]
    [InlineData("O que é o Acordo de Residência do Mercosul?")]
    [InlineData("What is the MERCOSUR Residence Agreement?")]
    public void A_name_said_in_another_language_s_word_order_is_the_same_entity(string question)
    {
        var answer = corpus.Engine.Ask(question).Answer;

        Assert.NotNull(answer);
        Assert.Equal("MERCOSUR Residence Agreement", answer.Title);
    }

    [Theory]
    [InlineData("¿Cómo se llamaba antes la OIM?", "Provisional Intergovernmental Committee for the Movement of Migrants from Europe")]
    [InlineData("What was IOM formerly called?", "Provisional Intergovernmental Committee for the Movement of Migrants from Europe")]
    public void A_curated_card_answers_with_a_fact_an_added_document_gives(string question, string value)
    {
        var answer = corpus.Engine.Ask(question).Answer;

        Assert.NotNull(answer);
        Assert.Equal("International Organization for Migration (IOM)", answer.Title);
        Assert.Contains(answer.Facts, f => f.Value == value && f.Document == "iom-history.txt");
    }

    [Theory]
    [InlineData("¿Qué es la R4V?", "¿y cuántos países?", "17")]
    [InlineData("What is R4V?", "and where is it located?", "Panama City, Panama")]
    public void Follow_ups_work_on_an_extracted_entity_s_card(string first, string followUp, string value)
    {
        var answer = corpus.Engine.Ask(first).Answer!;

        var next = corpus.Engine.Ask(followUp, answer.Context).Answer;

        Assert.NotNull(next);
        Assert.Equal(answer.Title, next.Title);
        Assert.Contains(next.Facts, f => f.Value == value);
    }

    [Fact]
    public void A_curated_card_s_own_facts_cite_the_curated_document()
    {
        var answer = corpus.Engine.Ask("How many staff does the regional office have?").Answer!;

        var staff = Assert.Single(answer.Facts, f => f.Value == "515");
        Assert.Equal("iom-ro-south-america.txt", staff.Document);
        Assert.DoesNotContain(answer.Source.Document, answer.OtherFactDocuments);
    }
}
