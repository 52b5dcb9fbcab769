using IomAssistant.Knowledge;
using IomAssistant.Knowledge.Answers;
using IomAssistant.Knowledge.Indexing;

namespace IomAssistant.Knowledge.Tests;

/// <summary>The repository's real knowledge folder, loaded and indexed once for a test class.</summary>
public sealed class RepositoryKnowledge : IDisposable
{
    private readonly string _indexRoot = Path.Combine(Path.GetTempPath(), "iom-tests-" + Guid.NewGuid().ToString("N"));

    public RepositoryKnowledge()
    {
        Knowledge = KnowledgeBase.Load(KnowledgeFolder);
        Index = KnowledgeIndex.Open(Knowledge, _indexRoot);
        Engine = new AnswerEngine(Knowledge, Index);
    }

    public static string RepositoryRoot { get; } = FindRoot();
    public static string KnowledgeFolder => Path.Combine(RepositoryRoot, "knowledge");

    public KnowledgeBase Knowledge { get; }
    public KnowledgeIndex Index { get; }
    public AnswerEngine Engine { get; }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "IomAssistant.slnx")))
                return dir.FullName;
        throw new InvalidOperationException("Run the tests inside the repository.");
    }

    public void Dispose()
    {
        Index.Dispose();
        try { Directory.Delete(_indexRoot, recursive: true); } catch (IOException) { }
    }
}

/// <summary>A temporary folder removed after the test.</summary>
public sealed class TempFolder : IDisposable
{
    public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "iom-test-" + Guid.NewGuid().ToString("N"));

    public TempFolder() => Directory.CreateDirectory(Path);

    public string Write(string name, string content)
    {
        var file = System.IO.Path.Combine(Path, name);
        File.WriteAllText(file, content);
        return file;
    }

    public void Dispose()
    {
        try { Directory.Delete(Path, recursive: true); } catch (IOException) { }
    }
}
