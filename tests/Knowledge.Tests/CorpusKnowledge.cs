using IomAssistant.Knowledge.Answers;
using IomAssistant.Knowledge.Indexing;

namespace IomAssistant.Knowledge.Tests;

/// <summary>
/// The repository's knowledge with the corpus of other real documents dropped in, as a content
/// owner would add them (nothing else written for them); or the corpus documents alone.
/// </summary>
public class CorpusKnowledge : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "iom-corpus-" + Guid.NewGuid().ToString("N"));

    public CorpusKnowledge() : this(withRepositoryKnowledge: true)
    {
    }

    protected CorpusKnowledge(bool withRepositoryKnowledge)
    {
        var knowledge = Path.Combine(_folder, "knowledge");
        Directory.CreateDirectory(knowledge);
        if (withRepositoryKnowledge)
            foreach (var file in Directory.EnumerateFiles(RepositoryKnowledge.KnowledgeFolder))
                File.Copy(file, Path.Combine(knowledge, Path.GetFileName(file)));
        foreach (var file in Directory.EnumerateFiles(DocumentsFolder))
            File.Copy(file, Path.Combine(knowledge, Path.GetFileName(file)));
        Knowledge = KnowledgeBase.Load(knowledge);
        Index = KnowledgeIndex.Open(Knowledge, Path.Combine(_folder, "index"));
        Engine = new AnswerEngine(Knowledge, Index);
    }

    public static string Folder => Path.Combine(RepositoryKnowledge.RepositoryRoot, "tests", "Knowledge.Tests", "Corpus");
    public static string DocumentsFolder => Path.Combine(Folder, "documents");

    public KnowledgeBase Knowledge { get; }
    public KnowledgeIndex Index { get; }
    public AnswerEngine Engine { get; }

    public void Dispose()
    {
        Index.Dispose();
        try { Directory.Delete(_folder, recursive: true); } catch (IOException) { }
        GC.SuppressFinalize(this);
    }
}

/// <summary>The corpus documents alone: no catalog, no glossary.</summary>
public sealed class CorpusDocumentsOnly() : CorpusKnowledge(withRepositoryKnowledge: false);
