using IomAssistant.Knowledge.Answers;

namespace IomAssistant.Knowledge.Tests.Answers;

public class ConceptTests(RepositoryKnowledge repository) : IClassFixture<RepositoryKnowledge>
{
    private IReadOnlyList<Concept> Read(string question) =>
        Concept.Read(Question.Read(question, repository.Engine.Lexicon), repository.Engine.Lexicon);

    [Fact]
    public void A_word_read_before_reads_the_same_and_each_occurrence_is_a_token_of_its_own()
    {
        var lexicon = repository.Engine.Lexicon;
        var first = Question.Read("Who heads the office of the office in Lima?", lexicon);
        var again = Question.Read("Who heads the office of the office in Lima?", lexicon);

        Assert.Equal(first.Tokens.Select(t => (t.Folded, t.Role, string.Join(",", t.Stems.Order()))), again.Tokens.Select(t => (t.Folded, t.Role, string.Join(",", t.Stems.Order()))));
        var offices = first.Tokens.Where(t => t.Folded == "office").ToList();
        Assert.Equal(2, offices.Count);
        Assert.NotSame(offices[0], offices[1]);
        Assert.NotSame(first.Tokens[0], again.Tokens[0]);
    }

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
    public void An_irregular_english_form_is_no_typo_and_stands_for_its_lemma()
    {
        // "drove" is one letter from the documents' "dove", and is "drive".
        using var folder = new TempFolder();
        var lexicon = LexiconOf(folder, "birds.md", "# Birds\n\nA dove flew over the border.\n\nDroughts drive farmers to the cities.\n");

        var question = Question.Read("What drove farmers to the cities?", lexicon);
        var concept = Concept.Read(question, lexicon).Single(c => c.Word == "drove");

        Assert.Equal("drove", question.Tokens.Single(t => t.Folded == "drove").Word);
        Assert.Contains(concept.Alternatives, a => a.Stem == "drive");
        Assert.DoesNotContain(concept.Alternatives, a => a.Stem == "dove");
    }

    private const string Reformation = "# Reformation\n\nIt came later, when Luther wrote the theses and Luther taught.\n";
    private const string India = "# India\n\nThe work of Gandhi was called Satyagraha.\n";

    [Theory]
    // "Lutero" is two edits from the documents' "later" and "Luther": written capitalized, it is the name.
    [InlineData(Reformation, "es", "¿Qué obra de Lutero se hizo popular?", "lutero", "luther")]
    [InlineData(Reformation, "es", "¿qué obra de lutero se hizo popular?", "lutero", "later")]
    // A name is misspelled more freely than a word: two edits reach it when written capitalized.
    [InlineData(India, "en", "What was Ghandi's work called?", "ghandi", "gandhi")]
    [InlineData(India, "en", "what was ghandi's work called?", "ghandi", "ghandi")]
    public void A_capitalized_typo_is_read_as_a_name_the_documents_use(string document, string language, string text, string typed, string word)
    {
        using var folder = new TempFolder();
        var lexicon = LexiconOf(folder, "document.md", document);

        Assert.Equal(word, Question.Read(text, lexicon, language).Tokens.Single(t => t.Folded == typed).Word);
    }

    [Fact]
    public void A_compound_typed_apart_is_the_word_the_documents_write()
    {
        using var folder = new TempFolder();
        var lexicon = LexiconOf(folder, "football.md", "# Final\n\nThe quarterback threw back to the quarter line.\n");

        var concepts = Concept.Read(Question.Read("Who was the oldest quarter back?", lexicon), lexicon);

        Assert.Contains(concepts, c => c.Alternatives.Any(a => a.Stem == "quarterback"));
        Assert.DoesNotContain(concepts, c => c.Word == "back");
    }

    private const string Organization = "# Migration\n\nThe International Organization for Migration (IOM) works with governments. IOM opened an office.\n";

    [Theory]
    // Spanish and Portuguese reorder the letters of an English acronym: OIM is IOM.
    [InlineData("¿Qué es la OIM?", "oim", "iom")]
    [InlineData("o que faz a oim", "oim", "iom")]
    // The documents' own acronym, and a word that reorders no acronym, are read as they are.
    [InlineData("What is IOM?", "iom", "iom")]
    [InlineData("¿Qué es la OEA?", "oea", "oea")]
    public void An_acronym_written_in_another_order_is_the_documents_acronym(string question, string written, string read)
    {
        using var folder = new TempFolder();
        var lexicon = LexiconOf(folder, "iom.md", Organization);

        var token = Question.Read(question, lexicon).Tokens.Single(t => t.Folded == written);

        Assert.Equal(read, token.Word);
    }

    [Fact]
    public void Two_acronyms_with_the_same_letters_leave_a_third_order_unread()
    {
        using var folder = new TempFolder();
        var lexicon = LexiconOf(folder, "iom.md", Organization + "\nThe International Maritime Organization (IMO) sets rules. IMO met.\n");

        Assert.Null(lexicon.AcronymInOtherOrder("oim"));
        Assert.Null(lexicon.AcronymInOtherOrder("moi"));
    }

    [Theory]
    // With no glossary, the dictionary's first sense of "cuantos" is the relative "those that".
    [InlineData("¿Cuántos estados miembros tiene la OIM?", "es", true)]
    [InlineData("cuantos funcionarios hay", "es", true)]
    [InlineData("¿Con cuántas misiones cuenta la OIM?", "es", true)]
    [InlineData("¿Qué países reciben más migrantes?", "es", false)]
    public void A_spanish_word_with_a_question_sense_asks_when_it_opens_the_question(string text, string language, bool asksCount)
    {
        using var folder = new TempFolder();
        var lexicon = LexiconOf(folder, "iom.md", Organization);

        var question = Question.Read(text, lexicon, language);

        Assert.Equal(asksCount, question.AsksCount);
        Assert.DoesNotContain(Concept.Read(question, lexicon), c => c.Word is "cuantos" or "cuantas");
    }

    [Fact]
    public void Estados_in_a_spanish_question_is_the_noun_not_a_form_of_estar()
    {
        var concept = Read("¿Cuántos estados miembros hay?").Single(c => c.Word == "estados");
        Assert.Contains(concept.Alternatives, a => a.Stem == "state");
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

    /// <summary>The lexicon of a knowledge folder that holds one document.</summary>
    private static Lexicon LexiconOf(TempFolder folder, string file, string text)
    {
        folder.Write(file, text);
        var knowledge = KnowledgeBase.Load(folder.Path);
        return new Lexicon(knowledge, IomAssistant.Knowledge.Indexing.PassageVocabulary.Of(knowledge.Documents.Select(d => knowledge.Document(d.Name)!)));
    }
}
