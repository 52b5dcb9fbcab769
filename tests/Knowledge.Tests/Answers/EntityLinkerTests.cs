using IomAssistant.Knowledge.Answers;
using IomAssistant.Knowledge.Catalog;

namespace IomAssistant.Knowledge.Tests.Answers;

public class EntityLinkerTests(RepositoryKnowledge repository) : IClassFixture<RepositoryKnowledge>
{
    private static EntityDefinition Entity(string id, string name, params string[] aliases) =>
        new() { Id = id, Kind = "organization", Names = new() { ["en"] = name }, Aliases = [.. aliases] };

    // Several names share "regional" and "office"; each has a word of its own.
    private static readonly EntityLinker Linker = new([
        Entity("residence-agreement", "MERCOSUR Residence Agreement"),
        Entity("regional-office", "Regional Office for South America"),
        Entity("lima-office", "Regional Office in Lima"),
        Entity("welcome", "Operation Welcome"),
        Entity("peru", "Peru"),
    ]);

    private string Linked(string question, string language) =>
        string.Join(" ", Linker.Link(Question.Read(question, repository.Engine.Lexicon, language)).Select(m => m.EntityId));

    [Theory]
    // In the name's own order, in English.
    [InlineData("What is the MERCOSUR Residence Agreement?", "en", "residence-agreement")]
    [InlineData("Tell me about Peru", "en", "peru")]
    // Translated, in Spanish and Portuguese word order: the name's rarest word first, in the middle or last.
    [InlineData("¿Qué es el Acuerdo de Residencia del MERCOSUR?", "es", "residence-agreement")]
    [InlineData("¿Qué es la Operación Welcome?", "es", "welcome")]
    [InlineData("¿Qué hace la Oficina Regional en Lima?", "es", "lima-office")]
    [InlineData("¿Qué sabes de Lima, oficina regional?", "es", "lima-office")]
    // A word shared by several names names none of them alone.
    [InlineData("What does a regional office do?", "en", "")]
    // Another language's word order is not read into an English question.
    [InlineData("Agreement of Residence MERCOSUR", "en", "")]
    public void Finds_names_in_any_order_from_their_rarest_word(string question, string language, string expected) =>
        Assert.Equal(expected, Linked(question, language));
}
