using System.Security.Cryptography;
using IomAssistant.Knowledge.Audiences;
using IomAssistant.Knowledge.Catalog;
using IomAssistant.Knowledge.Diagnostics;
using IomAssistant.Knowledge.Extraction;
using IomAssistant.Knowledge.Indexing;
using IomAssistant.Knowledge.Ingestion;
using IomAssistant.Knowledge.Text;

namespace IomAssistant.Knowledge;

/// <summary>
/// Everything in the knowledge folder, read, cleaned and checked: documents, the catalog of
/// entities with their facts, and the glossary. Loading fails, naming file, entity and fact,
/// when a quote is not found in its document. Each document belongs to audiences
/// (<see cref="AudienceRules"/>); an entity, its facts and its card belong to its document's.
/// Entities are the catalog's merged with those extraction finds in the documents
/// (<see cref="ExtractionMerge"/>).
/// </summary>
public sealed class KnowledgeBase
{
    // Bump when ingestion or the index layout changes, so old indexes are rebuilt.
    private const string FormatVersion = "9";

    private readonly string _folder;
    private readonly Dictionary<string, DocumentRecord> _documentsByName;
    private readonly Dictionary<string, CleanDocument> _read;
    private readonly IReadOnlyDictionary<string, string> _fileHashes;
    private readonly IReadOnlyDictionary<string, string> _catalogNames;
    private readonly AudienceRules _rules;
    private readonly Dictionary<string, IReadOnlySet<string>> _audiences;
    // The card of each entity extraction found, in the order of Extracted, and where each
    // document's first one is: looked up by position, as a million found entities would make a
    // dictionary keyed by the objects themselves slow to fill.
    private readonly List<string> _cards = [];
    private readonly Dictionary<string, int> _firstCards = new(StringComparer.Ordinal);
    private IReadOnlyList<DocumentFindings>? _findings;

    private KnowledgeBase(string folder, IReadOnlyList<DocumentRecord> documents, IReadOnlyCollection<CleanDocument> read, IReadOnlyList<AttributeDefinition> attributes,
        IReadOnlyList<EntityDefinition> curated, IReadOnlyList<DocumentEntities> extracted, GlossaryFile glossary, AssistantText assistant, IReadOnlyDictionary<string, string> fileHashes,
        IReadOnlyDictionary<string, string> catalogNames, AudienceRules rules)
    {
        _folder = folder;
        _rules = rules;
        _read = read.ToDictionary(d => d.Name, StringComparer.Ordinal);
        _audiences = documents.ToDictionary(d => d.Name, d => rules.For(d.Name, d.Audiences), StringComparer.Ordinal);
        AllAudiences = Audience.Of(_audiences.Values.SelectMany(a => a));
        Assistant = assistant;
        Documents = documents;
        _documentsByName = documents.ToDictionary(d => d.Name, StringComparer.Ordinal);
        Attributes = attributes.ToDictionary(a => a.Id);
        CatalogEntities = curated;
        Extracted = extracted;
        Entities = ExtractionMerge.Merge(curated, extracted, AudiencesOf, _cards);
        var first = 0;
        foreach (var found in extracted)
        {
            _firstCards[found.Document] = first;
            first += found.Entities.Count;
        }
        EntitiesById = Entities.ToDictionary(e => e.Id);
        Glossary = glossary;
        _fileHashes = fileHashes;
        _catalogNames = catalogNames;
        ContentHash = Combine(fileHashes);
        IndexKey = IndexKeyOf(fileHashes);
    }

    /// <summary>Every document, by name, without its text.</summary>
    public IReadOnlyList<DocumentRecord> Documents { get; }

    /// <summary>
    /// The documents this knowledge read and cleaned: all of them, unless an index remembered
    /// the unchanged ones (see <see cref="Load"/>); the others are read again only when asked for.
    /// </summary>
    public IReadOnlyCollection<CleanDocument> ReadDocuments => _read.Values;
    public IReadOnlyDictionary<string, AttributeDefinition> Attributes { get; }
    public IReadOnlyList<EntityDefinition> Entities { get; }

    /// <summary>
    /// The catalog's entities as written, without what extraction adds: what the index and the
    /// vocabulary count, so that facts quoting documents do not count the documents' words twice.
    /// </summary>
    public IReadOnlyList<EntityDefinition> CatalogEntities { get; }

    /// <summary>What extraction found in each document, before the merge: for content owners to check and promote.</summary>
    public IReadOnlyList<DocumentEntities> Extracted { get; }

    /// <summary>
    /// The entity (curated or not) whose card shows the entity at <paramref name="position"/>
    /// of those extraction found in <paramref name="document"/> (see <see cref="Extracted"/>).
    /// </summary>
    public EntityDefinition CardOf(string document, int position) => EntitiesById[_cards[_firstCards[document] + position]];

    /// <summary>What extraction found, per document, with the card each finding went to (<see cref="ExtractionReport"/>), built when first asked.</summary>
    public IReadOnlyList<DocumentFindings> Findings => _findings ??= ExtractionReport.All(this);
    public IReadOnlyDictionary<string, EntityDefinition> EntitiesById { get; }
    public GlossaryFile Glossary { get; }

    /// <summary>The assistant's welcome, help and example questions, from <c>assistant.yaml</c>.</summary>
    public AssistantText Assistant { get; }

    /// <summary>Hash of every file's name and bytes: what the knowledge is, for status and reloads.</summary>
    public string ContentHash { get; }

    /// <summary>
    /// Hash of the catalog files, <c>audiences.yaml</c> and the index format: an index folder
    /// holds one catalog's entities and facts and one set of audience rules, and takes document
    /// changes in place.
    /// </summary>
    public string IndexKey { get; }

    /// <summary>A document's cleaned text: as read, or read again from the folder when an index remembered it.</summary>
    public CleanDocument? Document(string name)
    {
        if (_read.TryGetValue(name, out var read))
            return read;
        // A file removed since is no document any more; the watcher's update follows.
        var path = Path.Combine(_folder, name);
        return _documentsByName.ContainsKey(name) && File.Exists(path) ? DocumentReader.Read(path, name) : null;
    }

    public DocumentRecord? Record(string name) => _documentsByName.GetValueOrDefault(name);

    /// <summary>The audiences a document belongs to; a name the knowledge does not hold belongs to nobody.</summary>
    public IReadOnlySet<string> AudiencesOf(string document) =>
        _audiences.TryGetValue(document, out var audiences) ? audiences : new HashSet<string>();

    /// <summary>May an asker in <paramref name="asker"/> read this document (and the catalog entries quoting it)?</summary>
    public bool CanSee(IReadOnlySet<string> asker, string document) => Audience.CanSee(asker, AudiencesOf(document));

    /// <summary>Every audience some document belongs to, with <see cref="Audience.Everyone"/>: who sees all (the command line).</summary>
    public IReadOnlySet<string> AllAudiences { get; }

    public static bool IsCatalogFile(string fileName) =>
        fileName.StartsWith("catalog", StringComparison.OrdinalIgnoreCase) && fileName.EndsWith(".yaml", StringComparison.OrdinalIgnoreCase);

    public static bool IsAssistantFile(string fileName) =>
        fileName.Equals("assistant.yaml", StringComparison.OrdinalIgnoreCase);

    public static bool IsGlossaryFile(string fileName) =>
        fileName.StartsWith("glossary", StringComparison.OrdinalIgnoreCase) && fileName.EndsWith(".yaml", StringComparison.OrdinalIgnoreCase);

    /// <summary>A document the knowledge reads (not a catalog, glossary, hidden file or file in a hidden folder), by its name in the folder.</summary>
    public static bool IsDocumentFile(string name)
    {
        var fileName = Path.GetFileName(name);
        return !IsHidden(name) && !IsCatalogFile(fileName) && !IsGlossaryFile(fileName) && !IsAssistantFile(fileName) &&
               DocumentReader.Extensions.Contains(Path.GetExtension(fileName));
    }

    /// <summary>
    /// Hidden files and folders are not knowledge: editor backups, or the "..data" copies
    /// beside the files of a Kubernetes ConfigMap mounted as the knowledge folder.
    /// </summary>
    public static bool IsHidden(string name) => name.Split('/').Any(part => part.StartsWith('.'));

    /// <summary>
    /// Reads the knowledge folder. With <paramref name="indexRoot"/>, a document the index there
    /// remembers with the same size and last write is not read again: its record and what
    /// extraction found in it come from the index (its catalog quotes were checked when it was
    /// indexed with this same catalog); changed and new documents are read.
    /// </summary>
    public static KnowledgeBase Load(string folder, IProgress<string>? progress = null, string? indexRoot = null)
    {
        using var activity = KnowledgeTelemetry.Source.StartActivity(KnowledgeTelemetry.Load);
        if (!Directory.Exists(folder))
            throw new KnowledgeException($"knowledge folder '{folder}' does not exist");

        var files = Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories)
            .Select(path => (Path: path, Name: Path.GetRelativePath(folder, path).Replace('\\', '/')))
            .Where(f => !IsHidden(f.Name))
            .OrderBy(f => f.Name, StringComparer.Ordinal)
            .ToList();

        var attributes = new List<AttributeDefinition>();
        var entities = new List<EntityDefinition>();
        var glossary = new GlossaryFile();
        var assistant = AssistantText.Plain;
        var rules = AudienceRules.None;
        var catalogNames = new Dictionary<string, string>();
        var attributeFiles = new List<(string Id, string File)>();
        var hashes = files.Where(f => !IsDocumentFile(f.Name)).ToDictionary(f => f.Name, f => HashFile(f.Path, f.Name), StringComparer.Ordinal);
        var remembered = indexRoot is null
            ? new Dictionary<string, IndexedDocument>(StringComparer.Ordinal)
            : DocumentSnapshot.Read(Path.Combine(indexRoot, IndexKeyOf(hashes)));
        // Documents are read and cleaned on every core, in order; catalogs and glossaries after.
        List<(DocumentRecord Record, CleanDocument? Document, IReadOnlyList<EntityDefinition>? Extracted)> documents;
        var documentFiles = files.Where(f => IsDocumentFile(f.Name)).ToList();
        var reading = new DocumentProgress(progress, "read", documentFiles.Count);
        try
        {
            documents = documentFiles.AsParallel().AsOrdered()
                .Select<(string Path, string Name), (DocumentRecord Record, CleanDocument? Document, IReadOnlyList<EntityDefinition>? Extracted)>(f =>
                {
                    var info = new FileInfo(f.Path);
                    if (remembered.TryGetValue(f.Name, out var known) && known.Record.Size == info.Length && known.Record.LastWriteUtc == info.LastWriteTimeUtc)
                    {
                        reading.Skipped();
                        return (known.Record, null, known.Extracted);
                    }
                    // Read once: the hash is of the very bytes that were cleaned.
                    var content = DocumentReader.Content(f.Path, f.Name);
                    var document = DocumentReader.Read(f.Name, content);
                    reading.Done(f.Name);
                    var record = new DocumentRecord(f.Name, HashOf(f.Name, content), info.Length, info.LastWriteTimeUtc, document.Passages.Count, document.Audiences, document.Title);
                    return (record, document, null);
                })
                .ToList();
        }
        catch (AggregateException e)
        {
            // As a sequential read would: the unreadable document first by name, as it is.
            var first = e.InnerExceptions.OfType<KnowledgeException>().MinBy(x => x.Message, StringComparer.Ordinal) ?? e.InnerExceptions[0];
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(first);
            throw;
        }
        foreach (var (record, _, _) in documents)
            hashes[record.Name] = record.Hash;
        foreach (var (path, name) in files.Where(f => !IsDocumentFile(f.Name)))
        {
            var fileName = Path.GetFileName(name);
            if (IsCatalogFile(fileName))
            {
                progress?.Report($"catalog {name}");
                var catalog = CatalogLoader.ReadCatalog(path, name);
                attributes.AddRange(catalog.Attributes);
                attributeFiles.AddRange(catalog.Attributes.Select(a => (a.Id, name)));
                entities.AddRange(catalog.Entities);
                foreach (var e in catalog.Entities) catalogNames[e.Id] = name;
            }
            else if (AudienceRules.IsAudiencesFile(name))
            {
                progress?.Report($"audiences {name}");
                rules = new AudienceRules(CatalogLoader.ReadAudiences(path, name).Audiences);
            }
            else if (IsAssistantFile(fileName))
            {
                progress?.Report($"assistant text {name}");
                assistant = CatalogLoader.ReadAssistantText(path, name);
            }
            else if (IsGlossaryFile(fileName))
            {
                progress?.Report($"glossary {name}");
                var g = CatalogLoader.ReadGlossary(path, name);
                foreach (var (term, variants) in g.Terms)
                    glossary.Terms[term] = glossary.Terms.TryGetValue(term, out var existing) ? [.. existing, .. variants] : variants;
                glossary.Fillers.AddRange(g.Fillers);
            }
        }

        CheckReferences(attributeFiles, entities, catalogNames);
        var read = documents.Where(d => d.Document is not null).Select(d => d.Document!).ToList();
        var names = documents.Select(d => d.Record.Name).ToHashSet(StringComparer.Ordinal);
        CheckProvenance(read.ToDictionary(d => d.Name), names, entities, catalogNames);
        var allAttributes = KnowledgeExtraction.WithExtractionAttributes(attributes);
        var found = Extract(read, allAttributes).ToDictionary(x => x.Document, StringComparer.Ordinal);
        var extracted = documents.Select(d => d.Extracted is { } known ? new DocumentEntities(d.Record.Name, known) : found[d.Record.Name]).ToList();
        activity?.SetTag("knowledge.documents", documents.Count);
        return new KnowledgeBase(folder, documents.Select(d => d.Record).ToList(), read, allAttributes, entities, extracted, glossary, assistant, hashes, catalogNames, rules);
    }

    private static List<DocumentEntities> Extract(IEnumerable<CleanDocument> documents, IEnumerable<AttributeDefinition> attributes)
    {
        var byId = attributes.ToDictionary(a => a.Id);
        return documents.AsParallel().AsOrdered().Select(d => KnowledgeExtraction.Extract(d, byId)).ToList();
    }

    /// <summary>
    /// This knowledge with some documents of <paramref name="folder"/> read again (or removed,
    /// when their file is gone). Only the catalog entries quoting those documents are checked
    /// again; the catalog and glossary are kept. Throws like <see cref="Load"/> when a changed
    /// document breaks a quote.
    /// </summary>
    public KnowledgeBase WithDocumentsReread(string folder, IEnumerable<string> names)
    {
        var documents = new Dictionary<string, DocumentRecord>(_documentsByName, StringComparer.Ordinal);
        var read = new Dictionary<string, CleanDocument>(StringComparer.Ordinal);
        var hashes = new Dictionary<string, string>(_fileHashes, StringComparer.Ordinal);
        var changed = new HashSet<string>(StringComparer.Ordinal);
        foreach (var name in names.Where(IsDocumentFile))
        {
            var path = Path.Combine(folder, name);
            changed.Add(name);
            if (File.Exists(path))
            {
                var info = new FileInfo(path);
                var content = DocumentReader.Content(path, name);
                var document = DocumentReader.Read(name, content);
                hashes[name] = HashOf(name, content);
                read[name] = document;
                documents[name] = new DocumentRecord(name, hashes[name], info.Length, info.LastWriteTimeUtc, document.Passages.Count, document.Audiences, document.Title);
            }
            else
            {
                hashes.Remove(name);
                documents.Remove(name);
            }
        }
        CheckProvenance(read, documents.Keys.ToHashSet(StringComparer.Ordinal), CatalogEntities.Where(e => changed.Contains(e.Document)), _catalogNames);
        var ordered = documents.Values.OrderBy(d => d.Name, StringComparer.Ordinal).ToList();
        // Only the changed documents are read for entities again.
        var kept = Extracted.Where(x => !changed.Contains(x.Document)).ToDictionary(x => x.Document, StringComparer.Ordinal);
        foreach (var x in Extract(read.Values.OrderBy(d => d.Name, StringComparer.Ordinal), Attributes.Values))
            kept[x.Document] = x;
        var extracted = ordered.Select(d => kept[d.Name]).ToList();
        return new KnowledgeBase(folder, ordered, read.Values, [.. Attributes.Values], CatalogEntities, extracted, Glossary, Assistant, hashes, _catalogNames, _rules);
    }

    private static void CheckReferences(List<(string Id, string File)> attributes, List<EntityDefinition> entities, Dictionary<string, string> catalogNames)
    {
        var errors = new List<string>();
        var known = attributes.Select(a => a.Id).ToHashSet();
        foreach (var group in attributes.GroupBy(a => a.Id).Where(g => g.Count() > 1))
            errors.Add($"attribute '{group.Key}' is defined in more than one catalog file: {string.Join(", ", group.Select(a => a.File).Distinct())}");
        foreach (var group in entities.GroupBy(e => e.Id).Where(g => g.Count() > 1))
            errors.Add($"{catalogNames[group.Key]}: entity '{group.Key}' is defined in more than one catalog file");
        foreach (var e in entities)
            foreach (var f in e.Facts.Where(f => !known.Contains(f.Attribute)))
                errors.Add($"{catalogNames[e.Id]}: entity '{e.Id}', fact '{f.Attribute}': unknown attribute");
        if (errors.Count > 0)
            throw new KnowledgeException(string.Join(Environment.NewLine, errors));
    }

    /// <summary>
    /// Every summary and fact must be quoted verbatim from the cleaned text of its document. Only
    /// documents read now are checked: one an index remembers was checked against this catalog
    /// when it was indexed.
    /// </summary>
    private static void CheckProvenance(IReadOnlyDictionary<string, CleanDocument> read, IReadOnlySet<string> documents, IEnumerable<EntityDefinition> entities, IReadOnlyDictionary<string, string> catalogNames)
    {
        // Only the documents the catalog quotes are folded, once each.
        var texts = new Dictionary<string, string>(StringComparer.Ordinal);
        var errors = new List<string>();
        foreach (var e in entities)
        {
            var file = catalogNames[e.Id];
            if (!documents.Contains(e.Document))
            {
                errors.Add($"{file}: entity '{e.Id}': document '{e.Document}' is not in the knowledge folder");
                continue;
            }
            if (!read.TryGetValue(e.Document, out var document))
                continue;
            if (!texts.TryGetValue(e.Document, out var text))
                texts[e.Document] = text = document.QuoteMatchingText;
            if (!string.IsNullOrWhiteSpace(e.Summary) && !text.Contains(TextFolding.ForQuoteMatching(e.Summary), StringComparison.Ordinal))
                errors.Add($"{file}: entity '{e.Id}', summary: quote not found in {e.Document}: \"{e.Summary}\"");
            foreach (var f in e.Facts)
                if (!text.Contains(TextFolding.ForQuoteMatching(f.Quote), StringComparison.Ordinal))
                    errors.Add($"{file}: entity '{e.Id}', fact '{f.Attribute}': quote not found in {e.Document}: \"{f.Quote}\"");
        }
        if (errors.Count > 0)
            throw new KnowledgeException(string.Join(Environment.NewLine, errors));
    }

    private static string HashFile(string path, string name) => HashOf(name, File.ReadAllBytes(path));

    private static string HashOf(string name, byte[] content)
    {
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        sha.AppendData(System.Text.Encoding.UTF8.GetBytes(name + "\n"));
        sha.AppendData(content);
        return Convert.ToHexStringLower(sha.GetHashAndReset())[..16];
    }

    private static string IndexKeyOf(IReadOnlyDictionary<string, string> fileHashes) =>
        Combine(fileHashes.Where(f => IsCatalogFile(Path.GetFileName(f.Key)) || AudienceRules.IsAudiencesFile(f.Key)));

    private static string Combine(IEnumerable<KeyValuePair<string, string>> fileHashes)
    {
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        sha.AppendData(System.Text.Encoding.UTF8.GetBytes(FormatVersion + "\n"));
        foreach (var (name, hash) in fileHashes.OrderBy(f => f.Key, StringComparer.Ordinal))
            sha.AppendData(System.Text.Encoding.UTF8.GetBytes(name + "\n" + hash + "\n"));
        return Convert.ToHexStringLower(sha.GetHashAndReset())[..16];
    }
}
