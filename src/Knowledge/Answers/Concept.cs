using IomAssistant.Knowledge.Text;

namespace IomAssistant.Knowledge.Answers;

/// <summary>
/// One thing a question asks about: a content word with the English stems that may stand for
/// it in the documents (its own stem, its glossary or dictionary translations, its typo
/// correction), and how much it weighs as evidence (its inverse document frequency).
/// </summary>
public sealed record Concept(string Word, IReadOnlyList<(string Stem, float Boost)> Alternatives, double Weight, bool Known, bool Named)
{
    public bool MatchedBy(IReadOnlySet<string> stems)
    {
        foreach (var (stem, _) in Alternatives)
            if (stems.Contains(stem))
                return true;
        return false;
    }

    /// <summary>The concepts of a question: its content words, known or not, in order.</summary>
    public static IReadOnlyList<Concept> Read(Question question, Lexicon lexicon)
    {
        var concepts = new List<Concept>();
        foreach (var token in question.Tokens.Where(t => t.Counts))
        {
            var own = Stemmer.English(token.Word);
            var alternatives = new List<(string, float)> { (own, 1f) };
            alternatives.AddRange(token.Stems.Where(s => s != own).Select(s => (s, ScoringWeights.AlternativeBoost)));
            // A stem the documents lack may meet theirs by its beginning ("creation", "created").
            if (token.Role == TokenRole.Content && !token.Stems.Any(lexicon.HasStem))
                foreach (var prefix in token.Stems.Select(lexicon.KnownPrefixStem).OfType<string>().Distinct().ToList())
                    alternatives.Add((prefix, ScoringWeights.PrefixBoost));
            var known = alternatives.Select(a => a.Item1).Where(lexicon.HasStem).ToList();
            var named = known.Count > 0 ? token.Capitalized || !token.Carried && lexicon.IsName(token.Word) : token.Capitalized;
            // A dictionary's senses of a word may be rare where the word is common ("parte":
            // part, share): its commonest known sense sets the weight. A name the documents know
            // weighs more: a passage that does not name what the question names is about
            // something else. An unknown name is as specific as a word can be; an unknown
            // ordinary word may just be phrased otherwise than in the documents.
            var weight = known.Count > 0 ? (token.Carried ? known.Min(lexicon.Idf) : known.Max(lexicon.Idf)) * (named ? ScoringWeights.NameFactor : 1)
                : named ? lexicon.MaxIdf
                : ScoringWeights.UnknownWordIdfShare * lexicon.MaxIdf;
            concepts.Add(new Concept(token.Folded, alternatives, weight, known.Count > 0, named));
        }
        return concepts;
    }
}
