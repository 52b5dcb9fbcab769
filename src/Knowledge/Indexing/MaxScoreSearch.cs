using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Search.Similarities;
using Lucene.Net.Util;

namespace IomAssistant.Knowledge.Indexing;

/// <summary>
/// One alternative of a concept: its term, where the term is in each segment, its BM25 weight
/// (as a term query of that boost normalizes it) and the most it can add to a score. Depends
/// only on the reader and the boost, so a reader's queries share it.
/// </summary>
internal sealed record BoundedTerm(Term Term, TermContext Context, Similarity.SimWeight Weight, double MaxScore)
{
    /// <summary>Weighed exactly as <see cref="IndexSearcher.CreateNormalizedWeight"/> weighs a <see cref="TermQuery"/> of this boost.</summary>
    public static BoundedTerm Of(IndexSearcher searcher, Term term, TermContext context, float boost, double maxScore)
    {
        var weight = searcher.Similarity.ComputeWeight(boost, searcher.CollectionStatistics(term.Field), searcher.TermStatistics(term, context));
        var norm = searcher.Similarity.QueryNorm(weight.GetValueForNormalization());
        weight.Normalize(float.IsInfinity(norm) || float.IsNaN(norm) ? 1f : norm, 1f);
        return new BoundedTerm(term, context, weight, maxScore);
    }
}

/// <summary>
/// The top documents for concepts scored as Lucene scores a BooleanQuery of SHOULD
/// DisjunctionMaxQuery clauses (a concept's best alternative plus a share of the others, summed
/// over concepts), without scoring every document that holds a common word. Terms whose best
/// scores together cannot lift a document above the lowest of the top so far are only looked
/// up in the documents the other terms find (MaxScore: Turtle and Flood, 1995). Lucene 4.8 has
/// no such pruning: over ten thousand reports, a question saying "programme" scored two thirds
/// of the index.
/// </summary>
/// <remarks>
/// Terms are walked through postings each thread keeps for the reader (<see cref="Postings"/>)
/// and scored by the similarity's own scorer, as a term scorer does: a term query's weight,
/// scorer, terms enumerator and postings buffers were most of what a question allocated.
/// </remarks>
internal sealed class MaxScoreSearch
{
    // Every term of every concept, ordered by bound, smallest first: the first _lookedUp of
    // them only ever look up a document the others found.
    private readonly int[] _concept;
    private readonly double[] _bound;
    // The bounds of the terms before each, added up: the most they can add together.
    private readonly double[] _boundBelow;
    private readonly BoundedTerm[] _terms;
    private readonly int _concepts;
    private readonly float _tieBreaker;
    private readonly TopDocuments _top;
    private int _lookedUp;
    // The most the looked-up terms can add to a document's score.
    private double _lookedUpBound;

    private MaxScoreSearch(IReadOnlyList<IReadOnlyList<BoundedTerm>> concepts, float tieBreaker, int count)
    {
        var terms = new List<(int Concept, BoundedTerm Term)>();
        for (var c = 0; c < concepts.Count; c++)
            foreach (var term in concepts[c])
                terms.Add((c, term));
        terms.Sort((a, b) => a.Term.MaxScore.CompareTo(b.Term.MaxScore));
        _concept = new int[terms.Count];
        _bound = new double[terms.Count];
        _terms = new BoundedTerm[terms.Count];
        for (var t = 0; t < terms.Count; t++)
        {
            _concept[t] = terms[t].Concept;
            _bound[t] = terms[t].Term.MaxScore;
            _terms[t] = terms[t].Term;
        }
        _boundBelow = new double[terms.Count + 1];
        for (var t = 0; t < terms.Count; t++)
            _boundBelow[t + 1] = _boundBelow[t] + _bound[t];
        _concepts = concepts.Count;
        _tieBreaker = tieBreaker;
        _top = new TopDocuments(count);
    }

    public static ScoreDoc[] Top(IndexSearcher searcher, IReadOnlyList<IReadOnlyList<BoundedTerm>> concepts, float tieBreaker, Filter readable, int count)
    {
        var search = new MaxScoreSearch(concepts, tieBreaker, count);
        var scorers = new TermCursor?[search._terms.Length];
        var values = new float[scorers.Length];
        var postings = Postings.For(searcher.IndexReader);
        foreach (var leaf in searcher.IndexReader.Leaves)
        {
            // No set: nothing in this segment is readable.
            var readableSet = readable.GetDocIdSet(leaf, leaf.AtomicReader.LiveDocs);
            if (readableSet is null)
                continue;
            var readableHere = readableSet.Bits
                ?? throw new InvalidOperationException("the readable filter must be checkable per document (a bit set)");
            var here = postings.Of(leaf);
            for (var t = 0; t < scorers.Length; t++)
                scorers[t] = here.Cursor(t, search._terms[t], leaf, readableHere, searcher.Similarity);
            search.Score(scorers, values, leaf.DocBase);
        }
        return search._top.Best();
    }

    private void Score(TermCursor?[] scorers, float[] values, int docBase)
    {
        for (var t = _lookedUp; t < scorers.Length; t++)
            scorers[t]?.NextDoc();
        while (true)
        {
            var doc = DocIdSetIterator.NO_MORE_DOCS;
            for (var t = _lookedUp; t < scorers.Length; t++)
                if (scorers[t] is { } s && s.DocID < doc)
                    doc = s.DocID;
            if (doc == DocIdSetIterator.NO_MORE_DOCS)
                return;

            // What the found terms give, with the looked-up ones at their best: if even that
            // cannot enter the top, nothing is looked up. (A concept never scores more than its
            // terms' scores added up, nor more than its found part plus its looked-up part.)
            var possible = _lookedUpBound;
            for (var t = _lookedUp; t < scorers.Length; t++)
            {
                values[t] = scorers[t] is { } s && s.DocID == doc ? s.GetScore() : 0;
                possible += values[t];
            }
            if (possible > _top.Threshold && LooksUp(scorers, values, doc, possible - _lookedUpBound))
            {
                var threshold = _top.Threshold;
                _top.Offer((float)Sum(values), docBase + doc);
                // A term that becomes looked-up keeps its place; it is only advanced from now on.
                if (_top.Threshold > threshold && LookedUp(_top.Threshold) is var (lookedUp, bound) && lookedUp > _lookedUp)
                    (_lookedUp, _lookedUpBound) = (lookedUp, bound);
            }

            for (var t = _lookedUp; t < scorers.Length; t++)
                if (scorers[t] is { } s && s.DocID == doc)
                    s.NextDoc();
        }
    }

    /// <summary>A term's documents in one segment, scored as Lucene's term scorer scores them.</summary>
    private sealed class TermCursor
    {
        private DocsEnum? _docs;
        private Similarity.SimScorer? _score;

        public DocsEnum? Docs => _docs;

        public TermCursor Reset(DocsEnum docs, Similarity.SimScorer score)
        {
            (_docs, _score) = (docs, score);
            return this;
        }

        public int DocID => _docs!.DocID;

        public int NextDoc() => _docs!.NextDoc();

        public int Advance(int target) => _docs!.Advance(target);

        public float GetScore() => _score!.Score(_docs!.DocID, _docs.Freq);
    }

    /// <summary>
    /// What one thread reuses to walk terms of one reader: per segment a terms enumerator and
    /// a cursor (with its postings buffers) per term of a question. Dropped when the reader changes.
    /// </summary>
    private sealed class Postings(IndexReader reader)
    {
        [ThreadStatic]
        private static Postings? _current;

        private readonly Dictionary<int, Segment> _segments = [];

        public static Postings For(IndexReader reader)
        {
            var current = _current;
            if (current is null || !ReferenceEquals(current._reader, reader))
                _current = current = new Postings(reader);
            return current;
        }

        private readonly IndexReader _reader = reader;

        public Segment Of(AtomicReaderContext leaf)
        {
            if (!_segments.TryGetValue(leaf.Ord, out var segment))
                _segments[leaf.Ord] = segment = new Segment();
            return segment;
        }

        public sealed class Segment
        {
            private readonly Dictionary<string, TermsEnum?> _enums = new(StringComparer.Ordinal);
            private readonly List<TermCursor> _cursors = [];

            /// <summary>The term's cursor in this segment, null when the segment lacks the term.</summary>
            public TermCursor? Cursor(int slot, BoundedTerm term, AtomicReaderContext leaf, IBits readable, Similarity similarity)
            {
                if (term.Context.Get(leaf.Ord) is not { } state)
                    return null;
                if (!_enums.TryGetValue(term.Term.Field, out var terms))
                    _enums[term.Term.Field] = terms = leaf.AtomicReader.GetTerms(term.Term.Field)?.GetEnumerator();
                if (terms is null)
                    return null;
                while (_cursors.Count <= slot)
                    _cursors.Add(new TermCursor());
                var cursor = _cursors[slot];
                terms.SeekExact(term.Term.Bytes, state);
                var docs = terms.Docs(readable, cursor.Docs, DocsFlags.FREQS);
                return cursor.Reset(docs, similarity.GetSimScorer(term.Weight, leaf));
            }
        }
    }

    /// <summary>
    /// Looks the looked-up terms up in <paramref name="doc"/>, likeliest first, into
    /// <paramref name="values"/>; false, leaving the rest, as soon as what is found plus the
    /// most the rest can add (their bounds summed, which no concept's score exceeds, a hair
    /// above for rounding) cannot enter the top.
    /// </summary>
    private bool LooksUp(TermCursor?[] scorers, float[] values, int doc, double found)
    {
        for (var t = _lookedUp - 1; t >= 0; t--)
        {
            if (found * 1.0001 + _boundBelow[t + 1] <= _top.Threshold)
                return false;
            values[t] = 0;
            if (scorers[t] is not { } s)
                continue;
            if (s.DocID < doc)
                s.Advance(doc);
            if (s.DocID == doc)
                found += values[t] = s.GetScore();
        }
        return true;
    }

    /// <summary>
    /// A document's score from its terms' scores (0 where absent): per concept, as Lucene's
    /// DisjunctionMaxScorer computes it in single precision, summed as its BooleanScorer does.
    /// </summary>
    private double Sum(float[] values)
    {
        Span<float> best = stackalloc float[_concepts];
        Span<float> sum = stackalloc float[_concepts];
        for (var t = 0; t < values.Length; t++)
        {
            var c = _concept[t];
            best[c] = Math.Max(best[c], values[t]);
            sum[c] += values[t];
        }
        var total = 0.0;
        for (var c = 0; c < _concepts; c++)
            total += best[c] + (sum[c] - best[c]) * _tieBreaker;
        return total;
    }

    /// <summary>
    /// How many of the smallest-bound terms cannot, together, beat the threshold, and the most
    /// they can add.
    /// </summary>
    private (int Terms, double Bound) LookedUp(double threshold)
    {
        Span<double> best = stackalloc double[_concepts];
        Span<double> sum = stackalloc double[_concepts];
        var total = 0.0;
        for (var t = 0; t < _bound.Length; t++)
        {
            var c = _concept[t];
            var before = best[c] + (sum[c] - best[c]) * _tieBreaker;
            best[c] = Math.Max(best[c], _bound[t]);
            sum[c] += _bound[t];
            var next = total + best[c] + (sum[c] - best[c]) * _tieBreaker - before;
            if (next > threshold)
                return (t, total);
            total = next;
        }
        return (_bound.Length, total);
    }

    /// <summary>
    /// The best documents so far, as Lucene's collector keeps them: a later document with an
    /// equal score does not displace an earlier one.
    /// </summary>
    private sealed class TopDocuments(int count)
    {
        private readonly PriorityQueue<ScoreDoc, (float Score, int NegatedDoc)> _queue = new();

        /// <summary>The score a document must exceed to enter; none until the top is full.</summary>
        public double Threshold { get; private set; } = double.NegativeInfinity;

        public void Offer(float score, int doc)
        {
            if (_queue.Count < count)
                _queue.Enqueue(new ScoreDoc(doc, score), (score, -doc));
            else if (score > Threshold)
                _queue.EnqueueDequeue(new ScoreDoc(doc, score), (score, -doc));
            else
                return;
            if (_queue.Count == count && _queue.TryPeek(out _, out var lowest))
                Threshold = lowest.Score;
        }

        public ScoreDoc[] Best()
        {
            var best = new ScoreDoc[_queue.Count];
            for (var i = best.Length - 1; i >= 0; i--)
                best[i] = _queue.Dequeue();
            return best;
        }
    }
}
