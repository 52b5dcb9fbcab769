using System.Text.Json;
using IomAssistant.Knowledge.Answers;
using IomAssistant.Knowledge.Indexing;

namespace IomAssistant.Knowledge.Tests.Answers;

/// <summary>Documents changed in place: the engine follows without a rebuild, and answers as a fresh one would.</summary>
public class DocumentChangesTests
{
    private const string Onboarding = "Onboarding\n\nNew staff complete the mandatory security induction during their first week.\n";

    private static TempFolder CopyOfKnowledge()
    {
        var folder = new TempFolder();
        foreach (var file in Directory.GetFiles(RepositoryKnowledge.KnowledgeFolder))
            File.Copy(file, Path.Combine(folder.Path, Path.GetFileName(file)));
        return folder;
    }

    private static IEnumerable<string> Questions() =>
        File.ReadLines(Path.Combine(RepositoryKnowledge.RepositoryRoot, "tests", "Knowledge.Tests", "Answers", "questions.jsonl"))
            .Where(l => l.Trim().Length > 0)
            .Select(l => JsonDocument.Parse(l).RootElement.GetProperty("q").GetString()!)
            .Append("What is the mandatory security induction?");

    [Fact]
    public void An_added_then_removed_document_is_answered_then_forgotten()
    {
        using var knowledgeFolder = CopyOfKnowledge();
        using var indexFolder = new TempFolder();
        var knowledge = KnowledgeBase.Load(knowledgeFolder.Path);
        using var index = KnowledgeIndex.Open(knowledge, indexFolder.Path);
        var engine = new AnswerEngine(knowledge, index);
        Assert.Null(engine.Ask("What is the mandatory security induction?").Answer);

        knowledgeFolder.Write("onboarding.txt", Onboarding);
        var added = knowledge.WithDocumentsReread(knowledgeFolder.Path, ["onboarding.txt"]);
        index.Update(added);
        engine = engine.WithDocumentChanges(added);
        Assert.Contains("first week", engine.Ask("What is the mandatory security induction?").Answer?.Text);

        File.Delete(Path.Combine(knowledgeFolder.Path, "onboarding.txt"));
        var removed = added.WithDocumentsReread(knowledgeFolder.Path, ["onboarding.txt"]);
        index.Update(removed);
        engine = engine.WithDocumentChanges(removed);
        Assert.Null(engine.Ask("What is the mandatory security induction?").Answer);
        Assert.Equal(knowledge.ContentHash, removed.ContentHash);
    }

    [Fact]
    public void An_engine_updated_in_place_answers_like_one_loaded_from_scratch()
    {
        using var knowledgeFolder = CopyOfKnowledge();
        using var indexFolder = new TempFolder();
        var knowledge = KnowledgeBase.Load(knowledgeFolder.Path);
        using var index = KnowledgeIndex.Open(knowledge, indexFolder.Path);
        var engine = new AnswerEngine(knowledge, index);

        knowledgeFolder.Write("onboarding.txt", Onboarding);
        var updated = knowledge.WithDocumentsReread(knowledgeFolder.Path, ["onboarding.txt"]);
        index.Update(updated);
        var inPlace = engine.WithDocumentChanges(updated);
        var fromScratch = new AnswerEngine(KnowledgeBase.Load(knowledgeFolder.Path), index);

        foreach (var question in Questions())
            Assert.Equal(JsonSerializer.Serialize(fromScratch.Ask(question)), JsonSerializer.Serialize(inPlace.Ask(question)));
    }

    [Fact]
    public void A_change_that_breaks_a_catalog_quote_is_rejected()
    {
        using var knowledgeFolder = CopyOfKnowledge();
        var knowledge = KnowledgeBase.Load(knowledgeFolder.Path);
        var document = Path.Combine(knowledgeFolder.Path, "iom-ro-south-america.txt");
        File.WriteAllText(document, File.ReadAllText(document).Replace("515 Staff", "600 Staff"));

        var error = Assert.Throws<KnowledgeException>(() => knowledge.WithDocumentsReread(knowledgeFolder.Path, ["iom-ro-south-america.txt"]));
        Assert.Contains("515 Staff", error.Message);
    }
}
