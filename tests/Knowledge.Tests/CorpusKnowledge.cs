using IomAssistant.Knowledge.Answers;
using IomAssistant.Knowledge.Indexing;

namespace IomAssistant.Knowledge.Tests;

/// <summary>Some knowledge files copied into a temporary folder, loaded and indexed once for a test class.</summary>
public abstract class CopiedKnowledge : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "iom-knowledge-" + Guid.NewGuid().ToString("N"));

    protected CopiedKnowledge(IEnumerable<string> files)
    {
        var knowledge = Path.Combine(_folder, "knowledge");
        Directory.CreateDirectory(knowledge);
        foreach (var file in files)
            File.Copy(file, Path.Combine(knowledge, Path.GetFileName(file)));
        Knowledge = KnowledgeBase.Load(knowledge);
        Index = KnowledgeIndex.Open(Knowledge, Path.Combine(_folder, "index"));
        Engine = new AnswerEngine(Knowledge, Index);
    }

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

/// <summary>
/// The repository's knowledge with the corpus of other real documents dropped in, as a content
/// owner would add them (nothing else written for them); or the corpus documents alone.
/// </summary>
public class CorpusKnowledge : CopiedKnowledge
{
    public CorpusKnowledge() : this(withRepositoryKnowledge: true)
    {
    }

    protected CorpusKnowledge(bool withRepositoryKnowledge)
        : base((withRepositoryKnowledge ? Directory.EnumerateFiles(RepositoryKnowledge.KnowledgeFolder) : []).Concat(Directory.EnumerateFiles(DocumentsFolder)))
    {
    }

    public static string Folder => Path.Combine(RepositoryKnowledge.RepositoryRoot, "tests", "Knowledge.Tests", "Corpus");
    public static string DocumentsFolder => Path.Combine(Folder, "documents");
}

/// <summary>The corpus documents alone: no catalog, no glossary.</summary>
public sealed class CorpusDocumentsOnly() : CorpusKnowledge(withRepositoryKnowledge: false);

/// <summary>The repository's documents alone, without the catalog, glossary or assistant text: what a content owner gets by dropping a file in.</summary>
public sealed class DocumentsAlone() : CopiedKnowledge(Directory.EnumerateFiles(RepositoryKnowledge.KnowledgeFolder).Where(f => KnowledgeBase.IsDocumentFile(Path.GetFileName(f))));
