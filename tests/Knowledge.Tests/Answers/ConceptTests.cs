using IomAssistant.Knowledge.Answers;

namespace IomAssistant.Knowledge.Tests.Answers;

public class ConceptTests(RepositoryKnowledge repository) : IClassFixture<RepositoryKnowledge>
{
    private IReadOnlyList<Concept> Read(string question) =>
        Concept.Read(Question.Read(question, repository.Engine.Lexicon), repository.Engine.Lexicon);

    [Fact]
    public void Each_content_word_is_a_concept_and_function_words_are_not()
    {
        var concepts = Read("How many staff work at the office in Buenos Aires?");
        Assert.DoesNotContain(concepts, c => c.Word is "how" or "the" or "at" or "in");
        Assert.Contains(concepts, c => c.Word == "staff");
    }

    [Fact]
    public void A_name_the_documents_write_capitalized_weighs_more_than_an_ordinary_word()
    {
        var concepts = Read("migrants in Argentina");
        var name = concepts.Single(c => c.Word == "argentina");
        var word = concepts.Single(c => c.Word == "migrants");
        Assert.True(name.Named);
        Assert.False(word.Named);
        Assert.True(name.Weight > word.Weight);
    }

    [Fact]
    public void A_word_no_document_uses_is_unknown_and_still_weighs()
    {
        var unknown = Read("salary of the office").Single(c => c.Word == "salary");
        Assert.False(unknown.Known);
        Assert.True(unknown.Weight > 0);
    }

    [Fact]
    public void A_glossary_translation_is_an_alternative_of_the_word()
    {
        var concept = Read("¿Cuántos funcionarios tiene la oficina?").Single(c => c.Word == "funcionarios");
        Assert.Contains(concept.Alternatives, a => a.Stem == "staff");
    }
}
