using IomAssistant.Knowledge.Indexing;
using IomAssistant.Knowledge.Ingestion;
using IomAssistant.Knowledge.Text;

namespace IomAssistant.Knowledge.Answers;

/// <summary>Full-text search: the passage that covers most of the question, or none.</summary>
public sealed partial class AnswerEngine
{
    private Answer? BestPassage(Question q, string language)
    {
        var concepts = q.Tokens.Where(t => t.Counts).ToList();
        if (concepts.Count == 0)
            return null;
        var weights = concepts.Select(Weight).ToList();
        var total = weights.Sum();
        var maxWeight = weights.Max();

        Answer? best = null;
        double bestCoverage = 0;
        foreach (var hit in _index.Search(QueryStems(q), FuzzyWords(q), q.Text, Candidates))
        {
            var hitStems = HitStems(hit);
            double covered = 0;
            for (var i = 0; i < concepts.Count; i++)
                if (concepts[i].Stems.Overlaps(hitStems))
                    covered += weights[i];
            var coverage = covered / total;
            // The question's most specific word missing from the passage means it is about something else.
            var missesKeyWord = Enumerable.Range(0, concepts.Count).Any(i => weights[i] >= KeyWordShare * maxWeight && !concepts[i].Stems.Overlaps(hitStems));
            if (!missesKeyWord && coverage > bestCoverage + 1e-9)
            {
                var answer = FromHit(hit, language, coverage);
                if (answer is null)
                    continue;
                best = answer;
                bestCoverage = coverage;
            }
        }
        return bestCoverage >= MinPassageCoverage ? best : null;
    }

    private double Weight(QuestionToken token)
    {
        if (token.Role == TokenRole.Unknown)
            return _lexicon.MaxIdf + 1;
        var known = token.Stems.Where(_lexicon.HasStem).ToList();
        return known.Count == 0 ? _lexicon.MaxIdf + 1 : known.Max(_lexicon.Idf);
    }

    private HashSet<string> HitStems(IndexHit hit)
    {
        var key = (hit.Document, hit.Position, hit.Entity, hit.Attribute);
        if (_hitStems.TryGetValue(key, out var stems))
            return stems;
        var text = hit.Text;
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
        q.Tokens.Where(t => t.Role == TokenRole.Unknown && t.Word.Length >= 5).Select(t => t.Word);
}
