using IomAssistant.Knowledge.Answers;
using IomAssistant.Knowledge.Indexing;

namespace IomAssistant.Knowledge.Tests.Audiences;

/// <summary>
/// The repository's knowledge plus a staff-only handbook under internal/ (by audiences.yaml), a
/// staff-only draft marked by its own front matter, and a catalog entity quoting the handbook:
/// in a temporary folder, loaded and indexed once for a test class.
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

    /// <summary>Copies the repository's knowledge into <paramref name="folder"/> and adds the staff-only files.</summary>
    public static void Write(string folder)
    {
        foreach (var file in Directory.EnumerateFiles(RepositoryKnowledge.KnowledgeFolder, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(folder, Path.GetRelativePath(RepositoryKnowledge.KnowledgeFolder, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
        Directory.CreateDirectory(Path.Combine(folder, "internal"));
        File.WriteAllText(Path.Combine(folder, "audiences.yaml"), """
            audiences:
              - match: "internal/**"
                audiences: [staff]
            """);
        File.WriteAllText(Path.Combine(folder, Handbook), """
            # Staff security induction

            Every new staff member of the Regional Office in Buenos Aires completes the security induction in the first week; the duty officer code word is ZEPHYR-7.

            # Staff travel clearance

            Staff travelling to Venezuela file a travel clearance with the regional security officer 72 hours before departure, quoting the code ZEPHYR-TRAVEL.
            """);
        File.WriteAllText(Path.Combine(folder, Draft), """
            ---
            title: Draft strategy
            audiences: [staff]
            ---
            # Draft climate mobility strategy

            The draft strategy plans a climate mobility fund of 40 million dollars under the working name ZEPHYR-FUND.
            """);
        File.WriteAllText(Path.Combine(folder, "catalog-internal.yaml"), """
            attributes:
              - id: duty-officer
                label: { en: Duty officer code, es: Código del oficial de guardia, pt: Código do oficial de plantão }
                keywords: [duty, officer, code, word, password]
            entities:
              - id: security-cell
                kind: office
                names: { en: "Regional Security Cell", es: "Célula Regional de Seguridad", pt: "Célula Regional de Segurança" }
                aliases: ["Security Cell"]
                document: internal/staff-handbook.md
                summary: "Every new staff member of the Regional Office in Buenos Aires completes the security induction in the first week"
                facts:
                  - attribute: duty-officer
                    value: "ZEPHYR-7"
                    quote: "the duty officer code word is ZEPHYR-7"
            """);
    }

    public void Dispose()
    {
        Index.Dispose();
        try { Directory.Delete(_root, recursive: true); } catch (IOException) { }
    }
}
