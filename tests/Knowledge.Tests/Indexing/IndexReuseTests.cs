using System.Text.Json;
using IomAssistant.Knowledge.Answers;
using IomAssistant.Knowledge.Audiences;
using IomAssistant.Knowledge.Indexing;

namespace IomAssistant.Knowledge.Tests.Indexing;

/// <summary>A reused index opens without reading the documents it holds; what changed meanwhile is read and updated.</summary>
public class IndexReuseTests
{
    private const string Emergency = "Emergency Response\n\nIOM coordinates the response to natural disasters in Guyana.\n";
    private const string Labour = "Labour Migration\n\nIOM supports seasonal workers in Chile.\n";
    private const string Health = "# Health\n\nMobile clinics visit border towns.\n";

    private static TempFolder ThreeDocuments()
    {
        var folder = new TempFolder();
        folder.Write("a.txt", Emergency);
        folder.Write("b.txt", Labour);
        folder.Write("c.md", Health);
        return folder;
    }

    private static void Index(string knowledgeFolder, string indexRoot)
    {
        using var index = KnowledgeIndex.Open(KnowledgeBase.Load(knowledgeFolder, indexRoot: indexRoot), indexRoot);
    }

    [Fact]
    public void Unchanged_documents_are_not_read_again_when_the_index_is_reused()
    {
        using var knowledgeFolder = ThreeDocuments();
        using var indexRoot = new TempFolder();
        Index(knowledgeFolder.Path, indexRoot.Path);

        var knowledge = KnowledgeBase.Load(knowledgeFolder.Path, indexRoot: indexRoot.Path);
        using var index = KnowledgeIndex.Open(knowledge, indexRoot.Path);

        Assert.Empty(knowledge.ReadDocuments);
        Assert.False(index.Built);
        Assert.Equal(0, index.DocumentsUpdatedAtOpen);
        Assert.Equal(["a.txt", "b.txt", "c.md"], knowledge.Documents.Select(d => d.Name));
        Assert.Equal(KnowledgeBase.Load(knowledgeFolder.Path).ContentHash, knowledge.ContentHash);
        Assert.Single(index.Search(["season"], [], "", 5, Audience.Public));
    }

    [Fact]
    public void A_document_changed_between_opens_is_read_again_and_updated_alone()
    {
        using var knowledgeFolder = ThreeDocuments();
        using var indexRoot = new TempFolder();
        Index(knowledgeFolder.Path, indexRoot.Path);
        knowledgeFolder.Write("b.txt", "Labour Migration\n\nIOM trains labour inspectors in Peru and Bolivia.\n");

        var knowledge = KnowledgeBase.Load(knowledgeFolder.Path, indexRoot: indexRoot.Path);
        using var index = KnowledgeIndex.Open(knowledge, indexRoot.Path);

        Assert.Equal("b.txt", Assert.Single(knowledge.ReadDocuments).Name);
        Assert.False(index.Built);
        Assert.Equal(1, index.DocumentsUpdatedAtOpen);
        Assert.Single(index.Search(["inspector"], [], "", 5, Audience.Public));
        Assert.Empty(index.Search(["season"], [], "", 5, Audience.Public));
        var lexicon = new AnswerEngine(knowledge, index).Lexicon;
        Assert.True(lexicon.IsKnown("inspectors"));
        Assert.False(lexicon.IsKnown("seasonal"));
    }

    [Fact]
    public void A_document_rewritten_with_the_same_bytes_is_read_but_not_indexed_again()
    {
        using var knowledgeFolder = ThreeDocuments();
        using var indexRoot = new TempFolder();
        Index(knowledgeFolder.Path, indexRoot.Path);
        File.SetLastWriteTimeUtc(Path.Combine(knowledgeFolder.Path, "a.txt"), DateTime.UtcNow.AddMinutes(5));

        var knowledge = KnowledgeBase.Load(knowledgeFolder.Path, indexRoot: indexRoot.Path);
        using var index = KnowledgeIndex.Open(knowledge, indexRoot.Path);

        Assert.Equal("a.txt", Assert.Single(knowledge.ReadDocuments).Name);
        Assert.Equal(0, index.DocumentsUpdatedAtOpen);
    }

    [Fact]
    public void Documents_added_and_removed_between_opens_are_updated_and_their_words_follow()
    {
        using var knowledgeFolder = ThreeDocuments();
        using var indexRoot = new TempFolder();
        Index(knowledgeFolder.Path, indexRoot.Path);
        File.Delete(Path.Combine(knowledgeFolder.Path, "c.md"));
        knowledgeFolder.Write("d.txt", "Climate Mobility\n\nIOM maps displacement after floods.\n");

        var knowledge = KnowledgeBase.Load(knowledgeFolder.Path, indexRoot: indexRoot.Path);
        using var index = KnowledgeIndex.Open(knowledge, indexRoot.Path);

        Assert.Equal("d.txt", Assert.Single(knowledge.ReadDocuments).Name);
        Assert.Equal(2, index.DocumentsUpdatedAtOpen);
        Assert.Equal(["a.txt", "b.txt", "d.txt"], knowledge.Documents.Select(d => d.Name));
        var lexicon = new AnswerEngine(knowledge, index).Lexicon;
        Assert.True(lexicon.IsKnown("floods"));
        Assert.False(lexicon.IsKnown("clinics"));
    }

    [Fact]
    public void A_reused_document_is_still_shown_as_its_cleaned_text()
    {
        using var knowledgeFolder = ThreeDocuments();
        using var indexRoot = new TempFolder();
        Index(knowledgeFolder.Path, indexRoot.Path);

        var knowledge = KnowledgeBase.Load(knowledgeFolder.Path, indexRoot: indexRoot.Path);
        using var index = KnowledgeIndex.Open(knowledge, indexRoot.Path);

        var document = knowledge.Document("c.md");
        Assert.NotNull(document);
        Assert.Equal(KnowledgeBase.Load(knowledgeFolder.Path).Document("c.md")!.PlainText, document.PlainText);
        Assert.Equal(document.Passages, index.PassagesOf("c.md"));
        Assert.Null(knowledge.Document("missing.txt"));
    }

    [Fact]
    public void An_index_whose_vocabulary_is_missing_is_rebuilt()
    {
        using var knowledgeFolder = ThreeDocuments();
        using var indexRoot = new TempFolder();
        string folder;
        using (var first = KnowledgeIndex.Open(KnowledgeBase.Load(knowledgeFolder.Path), indexRoot.Path))
            folder = first.Folder;
        File.Delete(Path.Combine(folder, "vocabulary.bin"));

        using var reopened = KnowledgeIndex.Open(KnowledgeBase.Load(knowledgeFolder.Path, indexRoot: indexRoot.Path), indexRoot.Path);

        Assert.True(reopened.Built);
        Assert.Equal(3, reopened.Vocabulary.Passages);
    }

    [Fact]
    public void An_engine_over_a_reused_index_answers_as_one_that_read_every_document()
    {
        using var indexRoot = new TempFolder();
        var questions = File.ReadLines(Path.Combine(RepositoryKnowledge.RepositoryRoot, "tests", "Knowledge.Tests", "Answers", "questions.jsonl"))
            .Where(l => l.Trim().Length > 0)
            .Select(l => JsonDocument.Parse(l).RootElement.GetProperty("q").GetString()!)
            .ToList();
        List<string> fresh;
        var everything = KnowledgeBase.Load(RepositoryKnowledge.KnowledgeFolder);
        using (var built = KnowledgeIndex.Open(everything, indexRoot.Path))
        {
            var engine = new AnswerEngine(everything, built);
            fresh = questions.Select(q => JsonSerializer.Serialize(engine.Ask(q))).ToList();
        }

        var remembered = KnowledgeBase.Load(RepositoryKnowledge.KnowledgeFolder, indexRoot: indexRoot.Path);
        using var reused = KnowledgeIndex.Open(remembered, indexRoot.Path);
        var reusedEngine = new AnswerEngine(remembered, reused);

        Assert.Empty(remembered.ReadDocuments);
        Assert.Equal(everything.Entities.Count, remembered.Entities.Count);
        Assert.Equal(fresh, questions.Select(q => JsonSerializer.Serialize(reusedEngine.Ask(q))));
    }
}
