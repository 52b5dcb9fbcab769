namespace IomAssistant.Bot.Tests.Audiences;

/// <summary>
/// A knowledge folder in a temporary folder: the repository's knowledge plus the staff-only
/// files the knowledge tests use (a handbook under internal/, a draft marked by its front
/// matter, a catalog entity quoting the handbook, and the audiences.yaml rule).
/// </summary>
public sealed class StaffKnowledgeFolder : IDisposable
{
    /// <summary>A word only the staff-only documents say.</summary>
    public const string Secret = "ZEPHYR";
    public const string Handbook = "internal/staff-handbook.md";
    public const string StaffEntityTitle = "Regional Security Cell";

    /// <summary>Questions the staff-only documents answer; some are close to what the public brochure answers.</summary>
    public static readonly string[] Questions =
    [
        "What is the duty officer code word?",
        "What is the security induction for new staff?",
        "How do staff get a travel clearance for Venezuela?",
        "Tell me about the Regional Security Cell",
        "¿Cuál es el código del oficial de guardia?",
    ];

    private readonly string _root = Path.Combine(Path.GetTempPath(), "iom-audience-knowledge-" + Guid.NewGuid().ToString("N"));

    public StaffKnowledgeFolder()
    {
        var staffOnly = Path.Combine(BotFactory.RepositoryRoot, "tests", "Knowledge.Tests", "Audiences", "StaffOnly");
        foreach (var source in new[] { Path.Combine(BotFactory.RepositoryRoot, "knowledge"), staffOnly })
            foreach (var file in Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories))
            {
                var target = Path.Combine(_root, Path.GetRelativePath(source, file));
                Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                File.Copy(file, target, overwrite: true);
            }
    }

    public string Folder => _root;

    /// <summary>
    /// Does a reply (any of its text) show something of the staff-only documents? The asker's own
    /// <paramref name="question"/>, which a no-answer card repeats, is not the documents' text.
    /// </summary>
    public static bool ShowsStaffOnly(string reply, string? question = null) =>
        (reply = question is null ? reply : reply.Replace(question, "", StringComparison.Ordinal)).Contains(Secret, StringComparison.Ordinal) || reply.Contains(StaffEntityTitle, StringComparison.Ordinal) ||
        reply.Contains("Security Cell", StringComparison.Ordinal) || reply.Contains("internal/", StringComparison.Ordinal) ||
        reply.Contains("draft-strategy", StringComparison.Ordinal);

    public void Dispose()
    {
        try { Directory.Delete(_root, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
