using Lucene.Net.Analysis;
using Lucene.Net.Analysis.Es;
using Lucene.Net.Analysis.Miscellaneous;
using Lucene.Net.Analysis.Pt;
using Lucene.Net.Analysis.TokenAttributes;
using Lucene.Net.Documents;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Store;
using Lucene.Net.Util;
using IomAssistant.Knowledge.Text;
using LuceneDirectory = Lucene.Net.Store.Directory;

namespace IomAssistant.Knowledge.Indexing;

/// <summary>A search hit: a passage of a document, or a catalog entity or fact.</summary>
public sealed record IndexHit(string Type, string? Entity, string? Attribute, string Document, string Section, int Position, string Text, float Score);

/// <summary>
/// The Lucene index of passages, entities and facts, on disk under a folder named by the
/// knowledge's content hash: reused when the knowledge is unchanged, built anew (into a
/// temporary folder, then moved into place) when it changed or the old one is unreadable.
/// </summary>
public sealed class KnowledgeIndex : IDisposable
{
    public static readonly LuceneVersion Version = LuceneVersion.LUCENE_48;
    private const string ReadyMarker = "ready";
    private const int MaxQueryTerms = 64;

    private static readonly Analyzer English = new EnglishSnowballAnalyzer();
    private static readonly Analyzer Spanish = new SpanishAnalyzer(Version);
    private static readonly Analyzer Portuguese = new PortugueseAnalyzer(Version);
    private static readonly Analyzer PerField = new PerFieldAnalyzerWrapper(English,
        new Dictionary<string, Analyzer> { ["es"] = Spanish, ["pt"] = Portuguese });

    private readonly LuceneDirectory _directory;
    private readonly SearcherManager _searchers;

    private KnowledgeIndex(string folder, LuceneDirectory directory)
    {
        Folder = folder;
        _directory = directory;
        _searchers = new SearcherManager(directory, null);
    }

    public string Folder { get; }

    /// <summary>True when this call built the index rather than reusing one on disk.</summary>
    public bool Built { get; private init; }

    public static KnowledgeIndex Open(KnowledgeBase knowledge, string indexRoot, IProgress<string>? progress = null)
    {
        System.IO.Directory.CreateDirectory(indexRoot);
        var folder = Path.Combine(indexRoot, knowledge.ContentHash);
        if (File.Exists(Path.Combine(folder, ReadyMarker)))
        {
            try
            {
                var reused = new KnowledgeIndex(folder, new NIOFSDirectory(folder));
                progress?.Report($"reusing index {folder}");
                return reused;
            }
            catch (Exception e) when (e is IOException or CorruptIndexException or IndexFormatTooOldException or IndexFormatTooNewException)
            {
                progress?.Report($"index {folder} is unreadable ({e.Message}); rebuilding");
            }
        }

        var temporary = folder + ".building-" + Guid.NewGuid().ToString("N")[..8];
        Build(knowledge, temporary, progress);
        if (System.IO.Directory.Exists(folder))
            System.IO.Directory.Delete(folder, recursive: true);
        System.IO.Directory.Move(temporary, folder);
        File.WriteAllText(Path.Combine(folder, ReadyMarker), knowledge.ContentHash);
        RemoveStale(indexRoot, folder);
        return new KnowledgeIndex(folder, new NIOFSDirectory(folder)) { Built = true };
    }

    private static void Build(KnowledgeBase knowledge, string folder, IProgress<string>? progress)
    {
        using var directory = new NIOFSDirectory(folder);
        using var writer = new IndexWriter(directory, new IndexWriterConfig(Version, PerField) { OpenMode = OpenMode.CREATE });
        var count = 0;
        foreach (var document in knowledge.Documents)
        {
            foreach (var passage in document.Passages)
            {
                writer.AddDocument(Doc("passage", null, null, passage.Document, passage.Section, passage.Position, passage.Text, ""));
                count++;
            }
            progress?.Report($"indexed {document.Name}: {document.Passages.Count} passages");
        }
        foreach (var entity in knowledge.Entities)
        {
            var names = string.Join(" \n ", entity.Names.Values.Concat(entity.Aliases));
            writer.AddDocument(Doc("entity", entity.Id, null, entity.Document, "", -1, entity.Title + "\n" + entity.Summary, names));
            foreach (var fact in entity.Facts)
            {
                var label = knowledge.Attributes[fact.Attribute].LabelIn("en");
                writer.AddDocument(Doc("fact", entity.Id, fact.Attribute, entity.Document, "", -1, $"{entity.Title}. {label}: {fact.Value}. {fact.Quote}", names));
            }
            count += 1 + entity.Facts.Count;
        }
        writer.Commit();
        progress?.Report($"index built: {count} entries");
    }

    private static Document Doc(string type, string? entity, string? attribute, string document, string section, int position, string text, string names)
    {
        var doc = new Document
        {
            new StringField("type", type, Field.Store.YES),
            new StringField("entity", entity ?? "", Field.Store.YES),
            new StringField("attribute", attribute ?? "", Field.Store.YES),
            new StoredField("doc", document),
            new StoredField("section", section),
            new StoredField("position", position),
            new TextField("text", text + "\n" + names, Field.Store.NO),
            new StoredField("display", text),
        };
        if (names.Length > 0)
        {
            doc.Add(new TextField("es", names, Field.Store.NO));
            doc.Add(new TextField("pt", names, Field.Store.NO));
        }
        return doc;
    }

    private static void RemoveStale(string indexRoot, string keep)
    {
        foreach (var dir in System.IO.Directory.EnumerateDirectories(indexRoot))
        {
            if (Path.GetFullPath(dir) == Path.GetFullPath(keep))
                continue;
            try { System.IO.Directory.Delete(dir, recursive: true); }
            catch (IOException) { /* an old index still open elsewhere is removed next time */ }
            catch (UnauthorizedAccessException) { }
        }
    }

    /// <summary>
    /// Candidates for a question: English stems (already folded, glossary-expanded) as terms,
    /// fuzzy terms for words the knowledge does not know, and the raw question through the
    /// Spanish and Portuguese analyzers against entity names. Built in code: no query syntax.
    /// </summary>
    public IReadOnlyList<IndexHit> Search(IEnumerable<string> englishStems, IEnumerable<string> fuzzyWords, string rawQuestion, int max)
    {
        var query = new BooleanQuery();
        foreach (var stem in englishStems.Distinct().Take(MaxQueryTerms))
            query.Add(new TermQuery(new Term("text", stem)), Occur.SHOULD);
        foreach (var word in fuzzyWords.Distinct().Take(MaxQueryTerms / 4))
            query.Add(new FuzzyQuery(new Term("text", Stemmer.English(word)), word.Length >= 8 ? 2 : 1) { Boost = 0.5f }, Occur.SHOULD);
        foreach (var (field, analyzer) in new[] { ("es", Spanish), ("pt", Portuguese) })
            foreach (var term in AnalyzeTerms(analyzer, field, rawQuestion).Take(MaxQueryTerms / 4))
                query.Add(new TermQuery(new Term(field, term)) { Boost = 0.5f }, Occur.SHOULD);
        if (query.Clauses.Count == 0)
            return [];

        var searcher = _searchers.Acquire();
        try
        {
            var top = searcher.Search(query, max);
            return top.ScoreDocs.Select(sd =>
            {
                var d = searcher.Doc(sd.Doc);
                return new IndexHit(d.Get("type"), NullIfEmpty(d.Get("entity")), NullIfEmpty(d.Get("attribute")),
                    d.Get("doc"), d.Get("section"), d.GetField("position")?.GetInt32Value() ?? -1, d.Get("display"), sd.Score);
            }).ToList();
        }
        finally
        {
            _searchers.Release(searcher);
        }
    }

    private static IEnumerable<string> AnalyzeTerms(Analyzer analyzer, string field, string text)
    {
        var terms = new List<string>();
        using var stream = analyzer.GetTokenStream(field, text);
        var term = stream.AddAttribute<ICharTermAttribute>();
        stream.Reset();
        while (stream.IncrementToken())
            terms.Add(term.ToString());
        stream.End();
        return terms.Distinct();
    }

    private static string? NullIfEmpty(string? s) => string.IsNullOrEmpty(s) ? null : s;

    public void Dispose()
    {
        _searchers.Dispose();
        _directory.Dispose();
    }
}
