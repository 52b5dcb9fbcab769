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
        // By index: this runs for every concept of every sentence judged, and a foreach over
        // the interface would allocate an enumerator each time.
        for (var i = 0; i < Alternatives.Count; i++)
            if (stems.Contains(Alternatives[i].Stem))
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
            alternatives.AddRange(token.Senses.Select(s => (Stemmer.English(s), ScoringWeights.AlternativeBoost)));
            // Irregular forms ("sent" for "send") and derived words ("creation" for "create")
            // stand for the word less surely; so do, for a translated word, the synonyms of its
            // first senses (WordNet).
            var english = token.Carried ? token.Translations.ToList() : [token.Word];
            foreach (var word in english)
            {
                if (EnglishWords.Lemma(word) is { } lemma)
                    alternatives.Add((Stemmer.English(lemma), ScoringWeights.AlternativeBoost));
                foreach (var form in EnglishWords.Forms(word))
                    alternatives.Add((Stemmer.English(form), ScoringWeights.AlternativeBoost));
                foreach (var related in EnglishWords.Related(word))
                    alternatives.Add((Stemmer.English(related), ScoringWeights.RelatedBoost));
                // A translation is one English word for a meaning the document may word otherwise.
                if (token.Carried)
                    foreach (var synonym in EnglishWords.Synonyms(word).Where(w => !w.Contains(' ')))
                        alternatives.Add((Stemmer.English(synonym), ScoringWeights.SynonymBoost));
            }
            alternatives = alternatives.DistinctBy(a => a.Item1).ToList();
            // A stem the documents lack may meet theirs by its beginning ("creation", "created").
            if (token.Role == TokenRole.Content && !token.Stems.Any(lexicon.HasStem))
                foreach (var prefix in token.Stems.Select(lexicon.KnownPrefixStem).OfType<string>().Distinct().ToList())
                    alternatives.Add((prefix, ScoringWeights.PrefixBoost));
            // The word's own readings set its weight; what only a looser alternative meets weighs
            // as its commonest match.
            var primary = token.Stems.Where(lexicon.HasStem).ToList();
            var loose = primary.Count > 0 ? [] : alternatives.Select(a => a.Item1).Where(lexicon.HasStem).ToList();
            var known = primary.Count > 0 ? primary : loose;
            var named = known.Count > 0 ? token.Capitalized || !token.Carried && lexicon.IsName(token.Word) : token.Capitalized;
            // A dictionary's senses of a word may be rare where the word is common ("parte":
            // part, share): its commonest known sense sets the weight. A name the documents know
            // weighs more: a passage that does not name what the question names is about
            // something else. An unknown name is as specific as a word can be; an unknown
            // ordinary word may just be phrased otherwise than in the documents.
            var weight = known.Count > 0 ? (token.Carried || primary.Count == 0 ? known.Min(lexicon.Idf) : known.Max(lexicon.Idf)) * (named ? ScoringWeights.NameFactor : 1)
                : named ? lexicon.MaxIdf
                : ScoringWeights.UnknownWordIdfShare * lexicon.MaxIdf;
            concepts.Add(new Concept(token.Folded, alternatives, weight, known.Count > 0, named));
        }
        // A question of more content words than this is no question: its rarest words speak for it,
        // and the cost of judging it stays that of a long question.
        return concepts.Count <= MaxConcepts ? concepts
            : concepts.Select((c, i) => (c, i)).OrderByDescending(x => x.c.Weight).Take(MaxConcepts).OrderBy(x => x.i).Select(x => x.c).ToList();
    }

    public const int MaxConcepts = 16;
}
