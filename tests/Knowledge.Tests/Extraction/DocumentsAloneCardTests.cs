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
    // Asked with the words people use for an attribute ("people work", "month").
    [InlineData("How many people work at the Buenos Aires office?", "office", "IOM Regional Office (RO) for South America", "515")]
    [InlineData("In which month was the regional office set up?", "office", "IOM Regional Office (RO) for South America", "July 2011")]
    // Spanish and Portuguese with no glossary: OIM is IOM, "cuántos" asks for a figure, "estados" is a noun.
    [InlineData("¿Cuántos estados miembros tiene la OIM?", "organization", "IOM", "162")]
    [InlineData("¿Cuántos empleados tiene la oficina de Buenos Aires?", "office", "IOM Regional Office (RO) for South America", "515")]
    // Offices the documents list by city are cards of their own.
    [InlineData("Tell me about the Vienna office", "office", "Regional Office in Vienna", "Vienna")]
    [InlineData("¿Dónde queda la oficina de San José?", "office", "Regional Office in San Jose", "San Jose, Costa Rica")]
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
