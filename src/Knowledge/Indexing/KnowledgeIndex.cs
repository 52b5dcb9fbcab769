using Lucene.Net.Analysis;
using Lucene.Net.Analysis.Es;
using Lucene.Net.Analysis.Miscellaneous;
using Lucene.Net.Analysis.Pt;
using Lucene.Net.Analysis.TokenAttributes;
using Lucene.Net.Documents;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Search.Similarities;
using Lucene.Net.Store;
using Lucene.Net.Util;
using IomAssistant.Knowledge.Caching;
using IomAssistant.Knowledge.Audiences;
using IomAssistant.Knowledge.Diagnostics;
using IomAssistant.Knowledge.Text;
using LuceneDirectory = Lucene.Net.Store.Directory;

namespace IomAssistant.Knowledge.Indexing;

/// <summary>A search hit: a passage of a document, or a catalog entity or fact.</summary>
public sealed record IndexHit(string Type, string? Entity, string? Attribute, string Document, string Section, int Position, string Text, float Score);

/// <summary>
/// The Lucene index of passages, entities and facts, on disk under a folder named by the
/// catalog's hash (<see cref="KnowledgeBase.IndexKey"/>). A new catalog is built anew (into a
/// temporary folder, then moved into place); within one catalog, changed documents are updated
/// in place, their passages deleted by the document's key term and added again, so one edited
/// report never rebuilds ten thousand others. The commit records each document's hash, so a
/// restart reuses the index and applies only what changed meanwhile.
/// </summary>
public sealed class KnowledgeIndex : IDisposable
{
    public static readonly LuceneVersion Version = LuceneVersion.LUCENE_48;
    private const string ReadyMarker = "ready";
    private const int MaxQueryTerms = 64;
    private const int TieMargin = 8;
    private const string DocumentHashKey = "document:";
    private const string ContentHashKey = "content";
    // Bounds of the per-reader caches below; a full cache is simply emptied.
    private const int MaxCachedFuzzyTerms = 4096;
    private const int MaxCachedHits = 16_384;
    private const int MaxCachedTerms = 16_384;

    private static readonly Analyzer English = new EnglishSnowballAnalyzer();
    private static readonly Analyzer Spanish = new SpanishAnalyzer(Version);
    private static readonly Analyzer Portuguese = new PortugueseAnalyzer(Version);
    private static readonly Analyzer PerField = new PerFieldAnalyzerWrapper(English,
        new Dictionary<string, Analyzer> { ["es"] = Spanish, ["pt"] = Portuguese });

    // BM25 (k1 1.2, b 0.75) ranks passages of very different lengths fairly; Lucene 4.8's
    // default TF-IDF favours short entries too much.
    private static readonly Bm25 Similarity = new();

    /// <summary>Lucene's BM25, its idf opened up so search bounds use the very formula it scores with.</summary>
    private sealed class Bm25 : BM25Similarity
    {
        public float IdfOf(long docFreq, long documents) => Idf(docFreq, documents);
    }

    // Searched text keeps no word positions: every query is made of single terms, and
    // positions would be a third of what indexing writes.
    private static readonly FieldType SearchedText = new(TextField.TYPE_NOT_STORED) { IndexOptions = IndexOptions.DOCS_AND_FREQS };

    private sealed class Bm25SearcherFactory : SearcherFactory
    {
        public override IndexSearcher NewSearcher(IndexReader reader) => new(reader) { Similarity = Similarity };
    }

    private readonly LuceneDirectory _directory;
    private readonly SearcherManager _searchers;
    private readonly System.Threading.Lock _writing = new();
    private volatile ReaderCache _cache = new(null!);

    /// <summary>
    /// What a reader's queries keep reusing: fuzzy terms expanded against its term dictionary
    /// (building Levenshtein automata is most of a fuzzy query's cost), where each term is
    /// in each segment (looking it up is most of what a term query allocates) and the stored
    /// fields of its hits. Valid only for that reader, so dropped when the searcher is refreshed.
    /// </summary>
    private sealed class ReaderCache(IndexSearcher searcher)
    {
        public IndexSearcher Searcher { get; } = searcher;
        public BoundedCache<(string Term, int Edits), Query> Fuzzy { get; } = new(MaxCachedFuzzyTerms);
        public BoundedCache<(string Field, string Text), TermContext> Terms { get; } = new(MaxCachedTerms);
        public BoundedCache<int, IndexHit> Hits { get; } = new(MaxCachedHits);
        public BoundedCache<(string Stem, float Boost), BoundedTerm> Bounded { get; } = new(MaxCachedTerms);
    }

    private KnowledgeIndex(string folder, LuceneDirectory directory)
    {
        Folder = folder;
        _directory = directory;
        _searchers = new SearcherManager(directory, new Bm25SearcherFactory());
    }

    public string Folder { get; }

    private const string VocabularyFile = "vocabulary.bin";
    private volatile PassageVocabulary _vocabulary = PassageVocabulary.Empty;

    /// <summary>The words of the indexed passages, counted; kept beside the index and updated with it.</summary>
    public PassageVocabulary Vocabulary => _vocabulary;

    /// <summary>True when this call built the index rather than reusing one on disk.</summary>
    public bool Built { get; private init; }

    /// <summary>Documents added, replaced or removed in place when the index was opened.</summary>
    public int DocumentsUpdatedAtOpen { get; private set; }

    public static KnowledgeIndex Open(KnowledgeBase knowledge, string indexRoot, IProgress<string>? progress = null)
    {
        System.IO.Directory.CreateDirectory(indexRoot);
        var folder = Path.Combine(indexRoot, knowledge.IndexKey);
        if (File.Exists(Path.Combine(folder, ReadyMarker)))
        {
            var directory = ForSearching(folder);
            KnowledgeIndex? reused = null;
            try
            {
                reused = new KnowledgeIndex(folder, directory);
                reused._vocabulary = PassageVocabulary.Read(Path.Combine(folder, VocabularyFile), reused.CommittedContentHash() ?? "")
                                     ?? throw new InvalidDataException("the vocabulary beside the index is missing or belongs to another commit");
                reused.DocumentsUpdatedAtOpen = reused.Update(knowledge);
                progress?.Report(reused.DocumentsUpdatedAtOpen == 0
                    ? $"reusing index {folder}"
                    : $"reusing index {folder}; {reused.DocumentsUpdatedAtOpen} changed documents updated");
                return reused;
            }
            // Whatever is wrong with an index on disk, the knowledge folder can rebuild it.
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                if (reused is not null) reused.Dispose();
                else directory.Dispose();
                progress?.Report($"index {folder} is unreadable ({e.GetType().Name}: {e.Message}); rebuilding");
            }
        }

        var temporary = folder + ".building-" + Guid.NewGuid().ToString("N")[..8];
        var vocabulary = Build(knowledge, temporary, progress);
        if (System.IO.Directory.Exists(folder))
            System.IO.Directory.Delete(folder, recursive: true);
        System.IO.Directory.Move(temporary, folder);
        File.WriteAllText(Path.Combine(folder, ReadyMarker), knowledge.IndexKey);
        RemoveStale(indexRoot, folder);
        return new KnowledgeIndex(folder, ForSearching(folder)) { Built = true, _vocabulary = vocabulary };
    }

    // Searched through memory-mapped files: postings are read in place, not by a system call
    // and a copy per kilobyte (a tenth of a question's time over 10,000 reports).
    private static MMapDirectory ForSearching(string folder) => new(folder);

    private static PassageVocabulary Build(KnowledgeBase knowledge, string folder, IProgress<string>? progress)
    {
        using var directory = new NIOFSDirectory(folder);
        // A larger buffer flushes fewer, larger segments: fewer merges for a big corpus; and
        // segments are not copied again into compound files.
        var config = new IndexWriterConfig(Version, PerField) { OpenMode = OpenMode.CREATE, RAMBufferSizeMB = 64, UseCompoundFile = false, Similarity = Similarity };
        using var writer = new IndexWriter(directory, config);
        // IndexWriter takes documents from several threads at once; search results do not
        // depend on the order they arrive in (see Search).
        var count = 0;
        var documents = knowledge.Documents.Select(d => knowledge.Document(d.Name)!).ToList();
        var indexing = new DocumentProgress(progress, "indexed", documents.Count);
        // One indexing thread per core: more would only wait on the writer's locks.
        var cores = new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount };
        Parallel.ForEach(documents, cores, () => new PassageFields(), (document, _, fields) =>
        {
            Interlocked.Add(ref count, fields.Add(writer, document, knowledge.AudiencesOf(document.Name)));
            indexing.Done(document.Name);
            return fields;
        }, _ => { });
        var vocabulary = PassageVocabulary.Of(documents);
        foreach (var entity in knowledge.CatalogEntities)
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
        writer.SetCommitData(CommitData(knowledge));
        writer.Commit();
        SaveBeside(folder, knowledge, vocabulary);
        progress?.Report($"index built: {count} entries");
        return vocabulary;
    }

    /// <summary>What the engine needs at start and the index does not hold, saved beside it for the commit of <paramref name="knowledge"/>.</summary>
    private static void SaveBeside(string folder, KnowledgeBase knowledge, PassageVocabulary vocabulary)
    {
        DocumentSnapshot.Write(folder, knowledge);
        vocabulary.Write(Path.Combine(folder, VocabularyFile), knowledge.ContentHash);
    }

    /// <summary>The passages of one document as the index stores them, in order: its text without reading it again.</summary>
    public IReadOnlyList<Ingestion.Passage> PassagesOf(string document)
    {
        var searcher = _searchers.Acquire();
        try
        {
            var query = PassagesQuery(document);
            // Counted first: asking for every document of the index would allocate a queue that large.
            var count = new TotalHitCountCollector();
            searcher.Search(query, count);
            var top = searcher.Search(query, Math.Max(1, count.TotalHits));
            return top.ScoreDocs.Select(sd => searcher.Doc(sd.Doc))
                .Select(d => new Ingestion.Passage(d.Get("doc"), d.Get("section"), d.GetField("position")?.GetInt32Value() ?? -1, d.Get("display")))
                .OrderBy(p => p.Position)
                .ToList();
        }
        finally
        {
            _searchers.Release(searcher);
        }
    }

    private static BooleanQuery PassagesQuery(string document) => new()
    {
        { new TermQuery(new Term("source", document)), Occur.MUST },
        { new TermQuery(new Term("type", "passage")), Occur.MUST },
    };

    /// <summary>The first passage of one document, where it says what it is about; null if the index holds none.</summary>
    public Ingestion.Passage? LeadOf(string document)
    {
        var searcher = _searchers.Acquire();
        try
        {
            var query = new ConstantScoreQuery(PassagesQuery(document));
            // A document's passages are added as one block in order, and equal scores come in
            // index order: the first hit is the first passage, checked by its position.
            var top = searcher.Search(query, 1);
            if (top.ScoreDocs.Length == 0)
                return null;
            var d = searcher.Doc(top.ScoreDocs[0].Doc);
            return d.GetField("position")?.GetInt32Value() == 0
                ? new Ingestion.Passage(d.Get("doc"), d.Get("section"), 0, d.Get("display"))
                : PassagesOf(document).FirstOrDefault();
        }
        finally
        {
            _searchers.Release(searcher);
        }
    }

    /// <summary>
    /// Brings the index to <paramref name="knowledge"/>'s documents (same catalog): passages of
    /// changed and removed documents are deleted by their document's key term, those of changed
    /// and new documents added, in one commit; searches see them as soon as this returns.
    /// Returns how many documents changed.
    /// </summary>
    public int Update(KnowledgeBase knowledge)
    {
        lock (_writing)
        {
            var committed = CommittedData();
            if (committed.TryGetValue(ContentHashKey, out var content) && content == knowledge.ContentHash)
                return 0;
            var indexed = committed.Where(e => e.Key.StartsWith(DocumentHashKey, StringComparison.Ordinal))
                .ToDictionary(e => e.Key[DocumentHashKey.Length..], e => e.Value, StringComparer.Ordinal);
            var changed = knowledge.Documents.Where(d => indexed.GetValueOrDefault(d.Name) != d.Hash).Select(d => knowledge.Document(d.Name)!).ToList();
            var removed = indexed.Keys.Where(name => knowledge.Record(name) is null).ToList();
            // The vocabulary loses what the index held of these documents, before it is deleted.
            var replaced = removed.Concat(changed.Select(d => d.Name)).Where(indexed.ContainsKey).SelectMany(PassagesOf).ToList();
            var vocabulary = _vocabulary.With(replaced, changed);

            using (var writer = new IndexWriter(_directory, new IndexWriterConfig(Version, PerField) { OpenMode = OpenMode.APPEND, Similarity = Similarity }))
            {
                foreach (var name in removed.Concat(changed.Select(d => d.Name)))
                    writer.DeleteDocuments(new Term("source", name));
                var fields = new PassageFields();
                foreach (var document in changed)
                    fields.Add(writer, document, knowledge.AudiencesOf(document.Name));
                writer.SetCommitData(CommitData(knowledge));
                writer.Commit();
            }
            SaveBeside(Folder, knowledge, vocabulary);
            _vocabulary = vocabulary;
            _searchers.MaybeRefreshBlocking();
            return changed.Count + removed.Count;
        }
    }

    private string? CommittedContentHash() => CommittedData().TryGetValue(ContentHashKey, out var content) ? content : null;

    private IDictionary<string, string> CommittedData()
    {
        var searcher = _searchers.Acquire();
        try
        {
            return ((DirectoryReader)searcher.IndexReader).IndexCommit.UserData;
        }
        finally
        {
            _searchers.Release(searcher);
        }
    }

    private static Dictionary<string, string> CommitData(KnowledgeBase knowledge)
    {
        var data = knowledge.Documents.ToDictionary(d => DocumentHashKey + d.Name, d => d.Hash);
        data[ContentHashKey] = knowledge.ContentHash;
        return data;
    }

    /// <summary>
    /// The fields of a passage entry, made once per indexing thread and given each passage's
    /// values: a new field would take a new token stream, and making one takes a lock all
    /// indexing threads share.
    /// </summary>
    private sealed class PassageFields
    {
        private readonly StringField _type = new("type", "passage", Field.Store.YES);
        private readonly StoredField _document = new("doc", "");
        private readonly StoredField _section = new("section", "");
        private readonly StoredField _position = new("position", 0);
        private readonly Field _text = new("text", "", SearchedText);
        private readonly Field _heading = new("text", "", SearchedText);
        private readonly Field _title = new("text", "", SearchedText);
        private readonly StoredField _display = new("display", "");
        // The document's key term: all its passages go with one delete when it changes.
        private readonly StringField _source = new("source", "", Field.Store.NO);
        private readonly List<StringField> _audiences = [];

        public int Add(IndexWriter writer, Ingestion.CleanDocument document, IReadOnlySet<string> audiences)
        {
            _source.SetStringValue(document.Name);
            while (_audiences.Count < audiences.Count)
                _audiences.Add(new StringField("audience", "", Field.Store.NO));
            var i = 0;
            foreach (var audience in audiences)
                _audiences[i++].SetStringValue(audience);
            var doc = new Document { _type, _document, _section, _position, _text, _display, _heading, _title, _source };
            // Who may read it: searches for an asker keep only passages of their audiences.
            for (i = 0; i < audiences.Count; i++)
                doc.Add(_audiences[i]);
            // One block per document: the writer takes its thread's lock and checks for a flush
            // once per document instead of once per passage.
            writer.AddDocuments(Entries(document.Passages, document.Title, doc));
            return document.Passages.Count;
        }

        /// <summary>The one entry given each passage's values in turn: the writer reads each before asking for the next.</summary>
        private IEnumerable<IEnumerable<IIndexableField>> Entries(IReadOnlyList<Ingestion.Passage> passages, string title, Document entry)
        {
            foreach (var passage in passages)
            {
                _document.SetStringValue(passage.Document);
                _section.SetStringValue(passage.Section);
                _position.SetInt32Value(passage.Position);
                _text.SetStringValue(passage.Text);
                _display.SetStringValue(passage.Text);
                // The section's heading travels with each of its paragraphs: "Quito Declaration"
                // above a paragraph that only says "it was adopted".
                _heading.SetStringValue(passage.Section);
                // So does the document's title: "In force since 2009" under "Implementation
                // period" in a document titled for the agreement it speaks of.
                _title.SetStringValue(passage.Section == title ? "" : title);
                yield return entry;
            }
        }
    }

    private static Document Doc(string type, string? entity, string? attribute, string document, string section, int position, string text, string names)
    {
        var doc = new Document
        {
            new StringField("type", type, Field.Store.YES),
            // Read from a hit, never searched.
            new StoredField("entity", entity ?? ""),
            new StoredField("attribute", attribute ?? ""),
            new StoredField("doc", document),
            new StoredField("section", section),
            new StoredField("position", position),
            new Field("text", text + "\n" + names, SearchedText),
            new StoredField("display", text),
        };
        if (names.Length > 0)
        {
            doc.Add(new Field("es", names, SearchedText));
            doc.Add(new Field("pt", names, SearchedText));
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
    /// <remarks>
    /// Passages are kept only when <paramref name="audiences"/> may read them; catalog entries
    /// are returned whatever their audience, for the caller to check against the knowledge.
    /// </remarks>
    public IReadOnlyList<IndexHit> Search(IEnumerable<string> englishStems, IEnumerable<string> fuzzyWords, string rawQuestion, int max, IReadOnlySet<string> audiences)
    {
        var stems = englishStems.Distinct().Take(MaxQueryTerms).ToList();
        var fuzzy = fuzzyWords.Distinct().Take(MaxQueryTerms / 4).ToList();
        var names = new[] { ("es", Spanish), ("pt", Portuguese) }
            .SelectMany(f => AnalyzeTerms(f.Item2, f.Item1, rawQuestion).Take(MaxQueryTerms / 4).Select(term => new Term(f.Item1, term)))
            .ToList();
        if (stems.Count + fuzzy.Count + names.Count == 0)
            return [];

        var searcher = _searchers.Acquire();
        try
        {
            var cache = CacheFor(searcher);
            var query = new BooleanQuery();
            foreach (var stem in stems)
                query.Add(TermQueryOf(cache, "text", stem), Occur.SHOULD);
            foreach (var word in fuzzy)
                query.Add(ExpandedFuzzy(cache, Stemmer.English(word), word.Length >= 8 ? 2 : 1), Occur.SHOULD);
            foreach (var term in names)
            {
                var name = TermQueryOf(cache, term.Field, term.Text);
                name.Boost = 0.5f;
                query.Add(name, Occur.SHOULD);
            }

            var top = searcher.Search(Readable(query, audiences, passagesOnly: false), max + TieMargin);
            return Ordered(cache, top.ScoreDocs, max);
        }
        finally
        {
            _searchers.Release(searcher);
        }
    }

    /// <summary>
    /// The query restricted to what the asker may read. The filter is checked per matching
    /// document (random access) rather than walked beside the query: nearly every passage is
    /// readable, so walking it cost as much as visiting the whole index on every search.
    /// </summary>
    private static FilteredQuery Readable(Query query, IReadOnlySet<string> audiences, bool passagesOnly) =>
        new(query, AudienceFilter(audiences, passagesOnly), CheckedPerDocument.Instance);

    private sealed class CheckedPerDocument : FilteredQuery.RandomAccessFilterStrategy
    {
        public static readonly CheckedPerDocument Instance = new();

        // Lucene checks per document only when the segment's first readable document is among
        // its first hundred; an index's first segment may begin with catalog entries.
        protected override bool UseRandomAccess(IBits bits, int firstFilterDoc) => true;
    }

    /// <summary>
    /// Caches each segment's readable documents as a bit set, which can be checked per document;
    /// Lucene's default compressed cache can only be walked.
    /// </summary>
    private sealed class BitSetCachingFilter(Filter filter) : CachingWrapperFilter(filter)
    {
        protected override DocIdSet CacheImpl(DocIdSetIterator iterator, AtomicReader reader)
        {
            var readable = new FixedBitSet(reader.MaxDoc);
            readable.Or(iterator);
            return readable;
        }
    }

    // Askers' audiences come from settings, so few sets exist; the bound only keeps a bug from growing it.
    private const int MaxCachedAudienceFilters = 64;
    private static readonly BoundedCache<(string Audiences, bool PassagesOnly), Filter> AudienceFilters = new(MaxCachedAudienceFilters);

    /// <summary>
    /// Passages an asker in <paramref name="audiences"/> may read (a document of "everyone" or of
    /// one of theirs), and, unless <paramref name="passagesOnly"/>, every catalog entry.
    /// </summary>
    private static Filter AudienceFilter(IReadOnlySet<string> audiences, bool passagesOnly)
    {
        var key = (Audience.Key(audiences), passagesOnly);
        if (AudienceFilters.TryGetValue(key, out var filter))
            return filter;
        var readable = new BooleanQuery { { new TermQuery(new Term("audience", Audience.Everyone)), Occur.SHOULD } };
        foreach (var audience in audiences)
            readable.Add(new TermQuery(new Term("audience", audience)), Occur.SHOULD);
        var query = new BooleanQuery();
        if (passagesOnly)
        {
            query.Add(new TermQuery(new Term("type", "passage")), Occur.MUST);
            query.Add(readable, Occur.MUST);
        }
        else
        {
            query.Add(readable, Occur.SHOULD);
            query.Add(new TermQuery(new Term("type", "entity")), Occur.SHOULD);
            query.Add(new TermQuery(new Term("type", "fact")), Occur.SHOULD);
        }
        filter = new BitSetCachingFilter(new QueryWrapperFilter(query));
        AudienceFilters.Add(key, filter);
        return filter;
    }

    /// <summary>
    /// The passages that best match a question's concepts by BM25. Each concept is one clause:
    /// the best of its alternative stems counts (a Spanish word's several English translations,
    /// or a word and its correction, never add up), each alternative weighted by how sure its
    /// reading is. Only passages <paramref name="audiences"/> may read are candidates. Built in
    /// code: no query syntax. Scored as Lucene scores such a query, by <see cref="MaxScoreSearch"/>,
    /// which leaves out passages that hold only common words and cannot reach the top.
    /// </summary>
    public IReadOnlyList<IndexHit> SearchPassages(IReadOnlyList<IReadOnlyList<(string Stem, float Boost)>> concepts, int max, IReadOnlySet<string> audiences)
    {
        var searcher = _searchers.Acquire();
        try
        {
            var cache = CacheFor(searcher);
            var bounded = new List<IReadOnlyList<BoundedTerm>>(concepts.Count);
            var terms = 0;
            foreach (var alternatives in concepts)
            {
                var concept = new List<BoundedTerm>(alternatives.Count);
                foreach (var (stem, boost) in alternatives)
                {
                    if (terms++ >= MaxQueryTerms)
                        break;
                    concept.Add(BoundedTermOf(cache, stem, boost));
                }
                if (concept.Count > 0)
                    bounded.Add(concept);
            }
            if (bounded.Count == 0)
                return [];
            var top = MaxScoreSearch.Top(searcher, bounded, ConceptTieBreaker, AudienceFilter(audiences, passagesOnly: true), max + TieMargin);
            return Ordered(cache, top, max);
        }
        finally
        {
            _searchers.Release(searcher);
        }
    }

    // A concept's best alternative counts, the others add a tenth of theirs.
    private const float ConceptTieBreaker = 0.1f;

    /// <summary>
    /// The most one term can add to a passage's BM25 score: its weight (idf over the index's
    /// documents, as Lucene weighs a term query, times its boost) times k1 + 1, which the term-frequency part approaches
    /// but never reaches (nothing for a term no passage holds). A hair above, so rounding never
    /// makes it less.
    /// </summary>
    private static double Bm25MaxScore(int docFreq, int maxDoc, float boost) => docFreq == 0 ? 0 :
        (double)Similarity.IdfOf(docFreq, maxDoc) * boost * (Similarity.K1 + 1) * 1.0001;

    /// <summary>
    /// A term query that knows where its term is in each segment of this reader, looked up
    /// once per reader and term rather than once per query.
    /// </summary>
    private static TermQuery TermQueryOf(ReaderCache cache, string field, string text) =>
        new(new Term(field, text), TermContextOf(cache, field, text));

    private static BoundedTerm BoundedTermOf(ReaderCache cache, string stem, float boost) =>
        cache.Bounded.GetOrAdd((stem, boost), static (key, cache) =>
        {
            var context = TermContextOf(cache, "text", key.Stem);
            return BoundedTerm.Of(cache.Searcher, new Term("text", key.Stem), context, key.Boost, Bm25MaxScore(context.DocFreq, cache.Searcher.IndexReader.MaxDoc, key.Boost));
        }, cache);

    private static TermContext TermContextOf(ReaderCache cache, string field, string text) =>
        cache.Terms.GetOrAdd((field, text),
            static (key, searcher) => TermContext.Build(searcher.TopReaderContext, new Term(key.Field, key.Text)), cache.Searcher);

    /// <summary>
    /// Hits best first. Documents are indexed in parallel, so Lucene's own tie order (by document
    /// number) varies between builds: equal scores are ordered by document, position, entity and
    /// attribute instead, over a few more hits than asked so the cut does not depend on it either.
    /// </summary>
    private static List<IndexHit> Ordered(ReaderCache cache, ScoreDoc[] top, int max)
    {
        var hits = new List<IndexHit>(top.Length);
        foreach (var sd in top)
            hits.Add(StoredHit(cache, sd.Doc) with { Score = sd.Score });
        return hits
            .OrderByDescending(h => h.Score)
            .ThenBy(h => h.Document, StringComparer.Ordinal)
            .ThenBy(h => h.Position)
            .ThenBy(h => h.Entity, StringComparer.Ordinal)
            .ThenBy(h => h.Attribute, StringComparer.Ordinal)
            .Take(max)
            .ToList();
    }

    private ReaderCache CacheFor(IndexSearcher searcher)
    {
        var cache = _cache;
        if (cache.Searcher == searcher)
            return cache;
        return _cache = new ReaderCache(searcher);
    }

    /// <summary>
    /// A fuzzy term as the query its rewrite gives against this reader (the matching terms,
    /// boosted as Lucene weighs them), computed once per reader and term.
    /// </summary>
    private static Query ExpandedFuzzy(ReaderCache cache, string stem, int edits) =>
        cache.Fuzzy.GetOrAdd((stem, edits),
            static (key, searcher) => searcher.Rewrite(new FuzzyQuery(new Term("text", key.Term), key.Edits) { Boost = 0.5f }), cache.Searcher);

    private static IndexHit StoredHit(ReaderCache cache, int docId) =>
        cache.Hits.GetOrAdd(docId, static (id, searcher) =>
        {
            var d = searcher.Doc(id);
            return new IndexHit(d.Get("type"), NullIfEmpty(d.Get("entity")), NullIfEmpty(d.Get("attribute")),
                d.Get("doc"), d.Get("section"), d.GetField("position")?.GetInt32Value() ?? -1, d.Get("display"), 0);
        }, cache.Searcher);

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
