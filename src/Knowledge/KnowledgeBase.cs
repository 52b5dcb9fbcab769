using System.Security.Cryptography;
using IomAssistant.Knowledge.Catalog;
using IomAssistant.Knowledge.Ingestion;
using IomAssistant.Knowledge.Text;

namespace IomAssistant.Knowledge;

/// <summary>
/// Everything in the knowledge folder, read, cleaned and checked: documents, the catalog of
/// entities with their facts, and the glossary. Loading fails, naming file, entity and fact,
/// when a quote is not found in its document.
/// </summary>
public sealed class KnowledgeBase
{
    // Bump when ingestion or the index layout changes, so old indexes are rebuilt.
    private const string FormatVersion = "1";

    private KnowledgeBase(IReadOnlyList<CleanDocument> documents, IReadOnlyList<AttributeDefinition> attributes,
        IReadOnlyList<EntityDefinition> entities, GlossaryFile glossary, string contentHash)
    {
        Documents = documents;
        Attributes = attributes.ToDictionary(a => a.Id);
        Entities = entities;
        EntitiesById = entities.ToDictionary(e => e.Id);
        Glossary = glossary;
        ContentHash = contentHash;
    }

    public IReadOnlyList<CleanDocument> Documents { get; }
    public IReadOnlyDictionary<string, AttributeDefinition> Attributes { get; }
    public IReadOnlyList<EntityDefinition> Entities { get; }
    public IReadOnlyDictionary<string, EntityDefinition> EntitiesById { get; }
    public GlossaryFile Glossary { get; }

    /// <summary>Hash of every file's name and bytes: the index is rebuilt when it changes.</summary>
    public string ContentHash { get; }

    public CleanDocument? Document(string name) => Documents.FirstOrDefault(d => d.Name == name);

    public static bool IsCatalogFile(string fileName) =>
        fileName.StartsWith("catalog", StringComparison.OrdinalIgnoreCase) && fileName.EndsWith(".yaml", StringComparison.OrdinalIgnoreCase);

    public static bool IsGlossaryFile(string fileName) =>
        fileName.StartsWith("glossary", StringComparison.OrdinalIgnoreCase) && fileName.EndsWith(".yaml", StringComparison.OrdinalIgnoreCase);

    public static KnowledgeBase Load(string folder, IProgress<string>? progress = null)
    {
        if (!Directory.Exists(folder))
            throw new KnowledgeException($"knowledge folder '{folder}' does not exist");

        var files = Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories)
            .Select(path => (Path: path, Name: Path.GetRelativePath(folder, path).Replace('\\', '/')))
            // Hidden files and folders are not knowledge: editor backups, or the "..data" copies
            // beside the files of a Kubernetes ConfigMap mounted as the knowledge folder.
            .Where(f => !f.Name.Split('/').Any(part => part.StartsWith('.')))
            .OrderBy(f => f.Name, StringComparer.Ordinal)
            .ToList();

        var documents = new List<CleanDocument>();
        var attributes = new List<AttributeDefinition>();
        var entities = new List<EntityDefinition>();
        var glossary = new GlossaryFile();
        var catalogNames = new Dictionary<string, string>();
        foreach (var (path, name) in files)
        {
            var fileName = Path.GetFileName(name);
            if (IsCatalogFile(fileName))
            {
                progress?.Report($"catalog {name}");
                var catalog = CatalogLoader.ReadCatalog(path, name);
                attributes.AddRange(catalog.Attributes);
                entities.AddRange(catalog.Entities);
                foreach (var e in catalog.Entities) catalogNames[e.Id] = name;
            }
            else if (IsGlossaryFile(fileName))
            {
                progress?.Report($"glossary {name}");
                var g = CatalogLoader.ReadGlossary(path, name);
                foreach (var (term, variants) in g.Terms)
                    glossary.Terms[term] = glossary.Terms.TryGetValue(term, out var existing) ? [.. existing, .. variants] : variants;
                glossary.Fillers.AddRange(g.Fillers);
            }
            else if (DocumentReader.Extensions.Contains(Path.GetExtension(fileName)))
            {
                progress?.Report($"document {name}");
                documents.Add(DocumentReader.Read(path, name));
            }
        }

        CheckReferences(attributes, entities, catalogNames);
        CheckProvenance(documents, entities, catalogNames);
        return new KnowledgeBase(documents, attributes, entities, glossary, Hash(files));
    }

    private static void CheckReferences(List<AttributeDefinition> attributes, List<EntityDefinition> entities, Dictionary<string, string> catalogNames)
    {
        var errors = new List<string>();
        var known = attributes.Select(a => a.Id).ToHashSet();
        foreach (var group in entities.GroupBy(e => e.Id).Where(g => g.Count() > 1))
            errors.Add($"{catalogNames[group.Key]}: entity '{group.Key}' is defined in more than one catalog file");
        foreach (var e in entities)
            foreach (var f in e.Facts.Where(f => !known.Contains(f.Attribute)))
                errors.Add($"{catalogNames[e.Id]}: entity '{e.Id}', fact '{f.Attribute}': unknown attribute");
        if (errors.Count > 0)
            throw new KnowledgeException(string.Join(Environment.NewLine, errors));
    }

    /// <summary>Every summary and fact must be quoted verbatim from the cleaned text of its document.</summary>
    private static void CheckProvenance(List<CleanDocument> documents, List<EntityDefinition> entities, Dictionary<string, string> catalogNames)
    {
        var texts = documents.ToDictionary(d => d.Name, d => TextFolding.ForQuoteMatching(d.PlainText));
        var errors = new List<string>();
        foreach (var e in entities)
        {
            var file = catalogNames[e.Id];
            if (!texts.TryGetValue(e.Document, out var text))
            {
                errors.Add($"{file}: entity '{e.Id}': document '{e.Document}' is not in the knowledge folder");
                continue;
            }
            if (!string.IsNullOrWhiteSpace(e.Summary) && !text.Contains(TextFolding.ForQuoteMatching(e.Summary), StringComparison.Ordinal))
                errors.Add($"{file}: entity '{e.Id}', summary: quote not found in {e.Document}: \"{e.Summary}\"");
            foreach (var f in e.Facts)
                if (!text.Contains(TextFolding.ForQuoteMatching(f.Quote), StringComparison.Ordinal))
                    errors.Add($"{file}: entity '{e.Id}', fact '{f.Attribute}': quote not found in {e.Document}: \"{f.Quote}\"");
        }
        if (errors.Count > 0)
            throw new KnowledgeException(string.Join(Environment.NewLine, errors));
    }

    private static string Hash(List<(string Path, string Name)> files)
    {
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        sha.AppendData(System.Text.Encoding.UTF8.GetBytes(FormatVersion + "\n"));
        foreach (var (path, name) in files)
        {
            sha.AppendData(System.Text.Encoding.UTF8.GetBytes(name + "\n"));
            sha.AppendData(File.ReadAllBytes(path));
        }
        return Convert.ToHexStringLower(sha.GetHashAndReset())[..16];
    }
}
