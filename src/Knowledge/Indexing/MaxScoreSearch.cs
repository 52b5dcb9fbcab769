using Lucene.Net.Index;
using Lucene.Net.Search;

namespace IomAssistant.Knowledge.Indexing;

/// <summary>One alternative of a concept: its term query and the most it can add to a score.</summary>
internal readonly record struct BoundedTerm(TermQuery Query, double MaxScore);

/// <summary>
/// The top documents for concepts scored as Lucene scores a BooleanQuery of SHOULD
/// DisjunctionMaxQuery clauses (a concept's best alternative plus a share of the others, summed
/// over concepts), without scoring every document that holds a common word. Terms whose best
/// scores together cannot lift a document above the lowest of the top so far are only looked
/// up in the documents the other terms find (MaxScore: Turtle and Flood, 1995). Lucene 4.8 has
/// no such pruning: over ten thousand reports, a question saying "programme" scored two thirds
/// of the index.
/// </summary>
internal sealed class MaxScoreSearch
{
    // Every term of every concept, ordered by bound, smallest first: the first _lookedUp of
    // them only ever look up a document the others found.
    private readonly int[] _concept;
    private readonly double[] _bound;
    private readonly Weight[] _weights;
    private readonly int _concepts;
    private readonly float _tieBreaker;
    private readonly TopDocuments _top;
    private int _lookedUp;
    // The most the looked-up terms can add to a document's score.
    private double _lookedUpBound;

    private MaxScoreSearch(IndexSearcher searcher, IReadOnlyList<IReadOnlyList<BoundedTerm>> concepts, float tieBreaker, int count)
    {
        var terms = new List<(int Concept, BoundedTerm Term)>();
        for (var c = 0; c < concepts.Count; c++)
            foreach (var term in concepts[c])
                terms.Add((c, term));
        terms.Sort((a, b) => a.Term.MaxScore.CompareTo(b.Term.MaxScore));
        _concept = new int[terms.Count];
        _bound = new double[terms.Count];
        _weights = new Weight[terms.Count];
        for (var t = 0; t < terms.Count; t++)
        {
            _concept[t] = terms[t].Concept;
            _bound[t] = terms[t].Term.MaxScore;
            _weights[t] = searcher.CreateNormalizedWeight(terms[t].Term.Query);
        }
        _concepts = concepts.Count;
        _tieBreaker = tieBreaker;
        _top = new TopDocuments(count);
    }

    public static ScoreDoc[] Top(IndexSearcher searcher, IReadOnlyList<IReadOnlyList<BoundedTerm>> concepts, float tieBreaker, Filter readable, int count)
    {
        var search = new MaxScoreSearch(searcher, concepts, tieBreaker, count);
        var scorers = new Scorer?[search._weights.Length];
        var values = new float[scorers.Length];
        foreach (var leaf in searcher.IndexReader.Leaves)
        {
            // No set: nothing in this segment is readable.
            var readableSet = readable.GetDocIdSet(leaf, leaf.AtomicReader.LiveDocs);
            if (readableSet is null)
                continue;
            var readableHere = readableSet.Bits
                ?? throw new InvalidOperationException("the readable filter must be checkable per document (a bit set)");
            for (var t = 0; t < scorers.Length; t++)
                scorers[t] = search._weights[t].GetScorer(leaf, readableHere);
            search.Score(scorers, values, leaf.DocBase);
        }
        return search._top.Best();
    }

    private void Score(Scorer?[] scorers, float[] values, int docBase)
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
            if (possible > _top.Threshold)
            {
                for (var t = 0; t < _lookedUp; t++)
                {
                    values[t] = 0;
                    if (scorers[t] is not { } s)
                        continue;
                    if (s.DocID < doc)
                        s.Advance(doc);
                    if (s.DocID == doc)
                        values[t] = s.GetScore();
                }
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
