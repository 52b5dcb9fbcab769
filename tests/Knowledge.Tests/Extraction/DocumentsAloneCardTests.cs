namespace IomAssistant.Knowledge.Tests.Extraction;

public class DocumentsAloneCardTests(DocumentsAlone documents) : IClassFixture<DocumentsAlone>
{
    [Fact]
    public void Nothing_curated_is_loaded()
    {
        Assert.Empty(documents.Knowledge.CatalogEntities);
        Assert.Empty(documents.Knowledge.Glossary.Terms);
    }

    [Theory]
    // The words a request is wrapped in are no question words, in any of the three languages.
    [InlineData("Tell me about Chile", "country", "Chile", "Member States and IOM Missions in South America")]
    [InlineData("Háblame de Chile", "country", "Chile", "Member States and IOM Missions in South America")]
    [InlineData("Fale sobre o Chile", "country", "Chile", "Member States and IOM Missions in South America")]
    [InlineData("How many staff does the regional office have?", "office", "IOM Regional Office (RO) for South America", "515")]
    [InlineData("¿Dónde está la oficina regional?", "office", "IOM Regional Office (RO) for South America", "Buenos Aires, Argentina")]
    [InlineData("What are the thematic areas of the regional strategy?", "topic", "IOM Regional Strategy", "Emergency Response")]
    public void Cards_come_from_the_documents_alone(string question, string kind, string title, string fact)
    {
        var answer = documents.Engine.Ask(question).Answer;

        Assert.NotNull(answer);
        Assert.Equal((kind, title), (answer.Kind, answer.Title));
        Assert.Contains(answer.Facts, f => f.Value == fact);
    }

    [Fact]
    public void A_list_is_found_by_the_heading_that_says_what_it_lists()
    {
        var answer = documents.Engine.Ask("Which countries are member states in South America?").Answer;

        Assert.NotNull(answer);
        Assert.Equal("Member States and IOM Missions in South America", answer.Title);
        Assert.Contains("Argentina, Bolivia, Brazil", answer.Text);
    }
}
