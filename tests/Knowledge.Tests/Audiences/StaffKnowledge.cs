using IomAssistant.Knowledge.Answers;
using IomAssistant.Knowledge.Indexing;

namespace IomAssistant.Knowledge.Tests.Audiences;

/// <summary>
/// The repository's knowledge plus the files of StaffOnly/: a staff-only handbook under
/// internal/ (by audiences.yaml), a staff-only draft marked by its own front matter, and a
/// catalog entity quoting the handbook; in a temporary folder, loaded and indexed once for a
/// test class.
/// </summary>
public sealed class StaffKnowledge : IDisposable
{
    /// <summary>A word only the staff-only documents say.</summary>
    public const string Secret = "ZEPHYR";

    public const string Handbook = "internal/staff-handbook.md";
    public const string Draft = "draft-strategy.md";

    private readonly string _root = Path.Combine(Path.GetTempPath(), "iom-audiences-" + Guid.NewGuid().ToString("N"));

    public StaffKnowledge()
    {
        Folder = Path.Combine(_root, "knowledge");
        Write(Folder);
        Knowledge = KnowledgeBase.Load(Folder);
        Index = KnowledgeIndex.Open(Knowledge, Path.Combine(_root, "index"));
        Engine = new AnswerEngine(Knowledge, Index);
    }

    public string Folder { get; }
    public KnowledgeBase Knowledge { get; }
    public KnowledgeIndex Index { get; }
    public AnswerEngine Engine { get; }

    /// <summary>The staff-only files added to the repository's knowledge, as they lie under the knowledge folder.</summary>
    public static string StaffOnlyFolder => Path.Combine(RepositoryKnowledge.RepositoryRoot, "tests", "Knowledge.Tests", "Audiences", "StaffOnly");

    /// <summary>Copies the repository's knowledge into <paramref name="folder"/> and adds the staff-only files.</summary>
    public static void Write(string folder)
    {
        foreach (var source in new[] { RepositoryKnowledge.KnowledgeFolder, StaffOnlyFolder })
            foreach (var file in Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories))
            {
                var target = Path.Combine(folder, Path.GetRelativePath(source, file));
                Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                File.Copy(file, target, overwrite: true);
            }
    }

    public void Dispose()
    {
        Index.Dispose();
        try { Directory.Delete(_root, recursive: true); } catch (IOException) { }
    }
}
