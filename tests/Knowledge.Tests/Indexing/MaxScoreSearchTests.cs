using System.Text.RegularExpressions;
using IomAssistant.Knowledge.Audiences;
using IomAssistant.Knowledge.Indexing;
using IomAssistant.Knowledge.Text;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Search.Similarities;
using Lucene.Net.Store;

namespace IomAssistant.Knowledge.Tests.Indexing;

/// <summary>
/// The passage search skips documents that cannot reach the top; it must find exactly what
/// Lucene's own scoring of the same query finds, on the real knowledge and its added documents.
/// </summary>
public class MaxScoreSearchTests(CorpusKnowledge corpus) : IClassFixture<CorpusKnowledge>
{
    [Theory]
    [InlineData(1, 11)]
    [InlineData(3, 12)]
    [InlineData(12, 13)]
    public void Finds_the_same_passages_with_the_same_scores_as_a_full_Lucene_search(int max, int seed)
    {
        var stems = corpus.Knowledge.ReadDocuments
            .SelectMany(d => Regex.Matches(d.PlainText, @"\p{L}{3,}").Select(m => m.Value))
            .Select(w => Stemmer.English(TextFolding.Fold(w.ToLowerInvariant())))
            .Distinct()
            .Order(StringComparer.Ordinal)
            .ToArray();
        var random = new Random(seed);
        float[] boosts = [1f, 0.9f, 0.5f, 0.3f];
        using var reader = DirectoryReader.Open(FSDirectory.Open(corpus.Index.Folder));
        var searcher = new IndexSearcher(reader) { Similarity = new BM25Similarity() };
        var pruned = 0;

        for (var q = 0; q < 150; q++)
        {
            var concepts = Enumerable.Range(0, random.Next(1, 7))
                .Select(_ => (IReadOnlyList<(string, float)>)Enumerable.Range(0, random.Next(1, 4))
                    .Select(_ => (stems[random.Next(stems.Length)], boosts[random.Next(boosts.Length)])).ToList())
                .ToList();

            var found = corpus.Index.SearchPassages(concepts, max, Audience.Public);

            var expected = FullSearch(searcher, concepts, max);
            Assert.Equal(expected.Select(h => (h.Document, h.Position)), found.Select(h => (h.Document, h.Position)));
            Assert.Equal(expected.Select(h => h.Score), found.Select(h => h.Score));
            if (expected.Count == max) pruned++;
        }
        // The queries must fill the top often enough for skipping to take place at all.
        Assert.True(pruned > 50, $"only {pruned} queries filled the top");
    }

    [Fact]
    public void Searches_running_at_once_on_several_threads_find_what_each_finds_alone()
    {
        // Each thread walks terms with postings it reuses from one question to the next.
        var random = new Random(5);
        var stems = new[] { "migrat", "venezuelan", "border", "iom", "refuge", "colombia", "deport", "resid", "agreement", "peru" };
        var questions = Enumerable.Range(0, 64)
            .Select(_ => (IReadOnlyList<IReadOnlyList<(string, float)>>)Enumerable.Range(0, random.Next(1, 5))
                .Select(_ => (IReadOnlyList<(string, float)>)[(stems[random.Next(stems.Length)], 1f), (stems[random.Next(stems.Length)], 0.5f)]).ToList())
            .ToList();
        var alone = questions.Select(q => corpus.Index.SearchPassages(q, 5, Audience.Public)).ToList();

        var together = new IReadOnlyList<IndexHit>[questions.Count * 8];
        Parallel.For(0, together.Length, new ParallelOptions { MaxDegreeOfParallelism = 8 },
            i => together[i] = corpus.Index.SearchPassages(questions[i % questions.Count], 5, Audience.Public));

        for (var i = 0; i < together.Length; i++)
            Assert.Equal(alone[i % questions.Count], together[i]);
    }

    /// <summary>The same concepts as one BooleanQuery of DisjunctionMaxQuery clauses, every passage scored.</summary>
    private static List<(string Document, int Position, float Score)> FullSearch(
        IndexSearcher searcher, IReadOnlyList<IReadOnlyList<(string Stem, float Boost)>> concepts, int max)
    {
        var query = new BooleanQuery();
        foreach (var alternatives in concepts)
        {
            var concept = new DisjunctionMaxQuery(0.1f);
            foreach (var (stem, boost) in alternatives)
                concept.Add(new TermQuery(new Term("text", stem)) { Boost = boost });
            query.Add(concept, Occur.SHOULD);
        }
        var readable = new BooleanQuery
        {
            { new TermQuery(new Term("type", "passage")), Occur.MUST },
            { new TermQuery(new Term("audience", Audience.Everyone)), Occur.MUST },
        };
        var top = searcher.Search(query, new QueryWrapperFilter(readable), max + 8);
        return top.ScoreDocs
            .Select(sd => (Doc: searcher.Doc(sd.Doc), sd.Score))
            .Select(h => (h.Doc.Get("doc"), h.Doc.GetField("position").GetInt32Value() ?? -1, h.Score))
            .OrderByDescending(h => h.Score).ThenBy(h => h.Item1, StringComparer.Ordinal).ThenBy(h => h.Item2)
            .Take(max)
            .ToList();
    }
}
