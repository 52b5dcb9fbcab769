using IomAssistant.Knowledge.Indexing;
using IomAssistant.Knowledge.Text;

namespace IomAssistant.Knowledge.Answers;

/// <summary>Full-text search: the passage that explains most of the question, or none.</summary>
public sealed partial class AnswerEngine
{
    /// <summary>A passage hit judged against the question's concepts.</summary>
    private sealed record JudgedPassage(IndexHit Hit, double Coverage, double Rank, bool FitsShape);

    private Answer? BestPassage(Question q, string language, double minCoverage)
    {
        var concepts = Concept.Read(q, _lexicon);
        // What the question asks for is a word no document uses ("budget", "phone"): the
        // documents cannot answer it, whatever else they share with the question.
        if (q.Focus is { Role: TokenRole.Unknown, Capitalized: false })
            return null;
        if (JudgePassages(q, concepts).FirstOrDefault() is not { } best || best.Coverage < minCoverage)
            return null;
        return PassageAnswer(best.Hit, concepts, AnswerShape.For(q), language, best.Coverage);
    }

    /// <summary>Candidates ranked by how much of the question they explain, BM25 breaking near ties.</summary>
    private List<JudgedPassage> JudgePassages(Question q, IReadOnlyList<Concept> concepts)
    {
        var shape = AnswerShape.For(q);
        if (concepts.Count == 0)
            return [];
        var total = concepts.Sum(c => c.Weight);
        var hits = _index.SearchPassages(concepts.Select(c => c.Alternatives).ToList(), ScoringWeights.PassageCandidates);
        if (hits.Count == 0)
            return [];
        var top = hits[0].Score;
        return hits
            .Select(hit =>
            {
                var stems = HitStems(hit);
                var coverage = concepts.Where(c => c.MatchedBy(stems)).Sum(c => c.Weight) / total;
                var sentence = PreciseAnswer.Select(hit.Text, concepts, ScoringWeights.MaxPassageChars, shape).Sentence;
                // The question's words together in one sentence say more than spread over a passage.
                var rank = coverage + ScoringWeights.Bm25Share * hit.Score / top +
                           ScoringWeights.SentenceShare * PreciseAnswer.Explained(sentence, concepts) / total;
                var fits = shape is null || shape.Fits(sentence);
                if (shape is not null && fits)
                    rank += ScoringWeights.QuestionTypeBonus;
                return new JudgedPassage(hit, coverage, rank, fits);
            })
            .OrderByDescending(j => j.Rank)
            .ToList();
    }

    private HashSet<string> HitStems(IndexHit hit)
    {
        var key = (hit.Document, hit.Position, hit.Entity, hit.Attribute);
        if (_hitStems.TryGetValue(key, out var stems))
            return stems;
        var text = hit.Text + " " + hit.Section;
        if (hit.Entity is { } id && _knowledge.EntitiesById.TryGetValue(id, out var entity))
            text += " " + string.Join(" ", entity.Names.Values);
        stems = TextFolding.Tokens(text).Select(Stemmer.English).ToHashSet();
        if (_hitStems.Count >= MaxRememberedHitStems)
            _hitStems.Clear();
        _hitStems[key] = stems;
        return stems;
    }

    private static IEnumerable<string> QueryStems(Question q) =>
        q.Tokens.Where(t => t.Counts).SelectMany(t => t.Stems);

    private static IEnumerable<string> FuzzyWords(Question q) =>
        q.Tokens.Where(t => t.Role == TokenRole.Unknown && t.Word.Length is >= 5 and <= 20).Select(t => t.Word);
}
