using IomAssistant.Knowledge.Caching;
using IomAssistant.Knowledge.Indexing;
using IomAssistant.Knowledge.Text;

namespace IomAssistant.Knowledge.Answers;

/// <summary>A passage judged against a question: how much of it the passage explains, and its rank.</summary>
public sealed record JudgedPassage(IndexHit Hit, PassageText Passage, double Coverage, double SentenceCoverage, double Rank, bool FitsShape);

/// <summary>
/// What the documents hold for one question: its concepts, the passages ranked by how much of
/// the question they explain, or why no document can answer it.
/// </summary>
public sealed record DocumentEvidence(IReadOnlyList<Concept> Concepts, AnswerShape? Shape, IReadOnlyList<JudgedPassage> Ranked, string? RuledOut)
{
    /// <summary>The best passage if it explains at least <paramref name="minCoverage"/> of the question.</summary>
    /// <param name="beyondNames">Whether it must also explain what the question asks beyond the names it gives.</param>
    public JudgedPassage? Best(double minCoverage, bool beyondNames = false)
    {
        if (RuledOut is not null)
            return null;
        // "How many" and "when" are answered by a figure and a date: the best passage that has
        // one. Names are told less surely, so "who" and "where" only prefer theirs.
        var best = Shape is { Name: not "name" } ? Ranked.FirstOrDefault(j => j.FitsShape) : Ranked.FirstOrDefault();
        return best is not null && best.Coverage >= minCoverage && best.SentenceCoverage >= ScoringWeights.MinSentenceCoverage && (!beyondNames || AskedCoverage(best) >= ScoringWeights.MinAskedCoverage) ? best : null;
    }

    /// <summary>
    /// Names set the scope of a question; its other words say what is asked about them. The
    /// share of those a passage explains (1 when the question has no names or nothing else): a
    /// passage that only repeats the names ("Who heads the mission in Brazil?" against a list
    /// of the missions) does not answer, however rare the names are.
    /// </summary>
    public double AskedCoverage(JudgedPassage judged)
    {
        var asked = Concepts.Where(c => !c.Named).ToList();
        var total = asked.Sum(c => c.Weight);
        if (total <= 0 || asked.Count == Concepts.Count)
            return 1;
        return PreciseAnswer.Explained(judged.Passage.Stems, asked) / total;
    }

    /// <summary>How much of the question some shown stems (a card's words) explain, weighed as passages are.</summary>
    public double CoverageOf(IReadOnlySet<string> stems)
    {
        var total = Concepts.Sum(c => c.Weight);
        return total <= 0 ? 0 : PreciseAnswer.Explained(stems, Concepts) / total;
    }
}

/// <summary>
/// A place (country, office) the question names: the stems of each of its names. A passage must
/// say one of them; for a place only extraction found (<paramref name="Strict"/> false), a
/// passage that names no other country may speak of it too ("the national anthem" in an
/// article about a country's football final).
/// </summary>
public sealed record NamedPlace(IReadOnlyList<IReadOnlySet<string>> Names, bool Strict);

/// <summary>
/// Gathers passage candidates from the index and ranks them: the share of the question's
/// weight each explains (coverage), how much its best sentence explains, BM25, and whether
/// that sentence has the shape the question asks for. Stateless but for a bounded cache of
/// passages already read.
/// </summary>
/// <param name="documentTitles">
/// The stems of each titled document's title: a place a document is about ("IOM in Ecuador") is what
/// each of its passages speaks of, whether or not the passage names it again.
/// </param>
/// <param name="countryWords">The stems of the one-word names of the countries the knowledge holds.</param>
public sealed class PassageJudge(KnowledgeIndex index, Lexicon lexicon, IReadOnlyDictionary<string, IReadOnlySet<string>>? documentTitles = null, IReadOnlySet<string>? countryWords = null)
{
    // Passages read into sentences and stems; a full cache is simply emptied.
    private const int MaxRememberedPassages = 20_000;
    private readonly BoundedCache<(string Document, int Position), PassageText> _passages = new(MaxRememberedPassages);

    /// <param name="named">
    /// For each catalog entity the question names, the stems of each of its names: a passage
    /// that says none of an entity's names speaks of something else ("Who heads the mission in
    /// Brazil?" is not answered by Colombia's chief of mission).
    /// </param>
    /// <param name="audiences">Who asks: only passages of documents they may read are candidates.</param>
    public DocumentEvidence Judge(Question question, IReadOnlySet<string> audiences, IReadOnlyList<NamedPlace>? named = null)
    {
        var concepts = Concept.Read(question, lexicon);
        var shape = AnswerShape.For(question);
        if (RuledOut(question, concepts, shape) is { } reason)
            return new DocumentEvidence(concepts, shape, [], reason);
        if (concepts.Count == 0)
            return new DocumentEvidence(concepts, shape, [], "no words to look for");
        var hits = index.SearchPassages(concepts.Select(c => c.Alternatives).ToList(), ScoringWeights.PassageCandidates, audiences);
        if (hits.Count == 0)
            return new DocumentEvidence(concepts, shape, [], null);

        var total = concepts.Sum(c => c.Weight);
        var top = hits[0].Score;
        var ranked = new List<JudgedPassage>(hits.Count);
        foreach (var hit in hits)
        {
            var passage = Read(hit);
            if (named is not null && !named.All(place => SpeaksOf(place, passage, hit.Document)))
                continue;
            var best = PreciseAnswer.BestSentence(passage, concepts, shape, out _);
            var sentence = passage.SentenceStems[best];
            // A document's title is said of each of its passages and sentences, and so is a
            // name it opens with ("5,400 staff" in a history of IOM).
            var title = documentTitles?.GetValueOrDefault(hit.Document);
            IReadOnlySet<string>? opening = null;
            double explained = 0, explainedBySentence = 0;
            foreach (var c in concepts)
            {
                var inPassage = c.MatchedBy(passage.Stems);
                var byDocument = title is not null && c.MatchedBy(title) ||
                                 !inPassage && c.Named && c.MatchedBy(opening ??= Lead(hit.Document));
                if (inPassage || byDocument)
                    explained += c.Weight;
                if (byDocument || c.MatchedBy(sentence))
                    explainedBySentence += c.Weight;
            }
            var coverage = explained / total;
            // The question's words together in one sentence say more than spread over a passage.
            var sentenceCoverage = explainedBySentence / total;
            var rank = coverage + ScoringWeights.Bm25Share * hit.Score / top + ScoringWeights.SentenceShare * sentenceCoverage;
            var fits = shape is null || shape.Fits(passage, best);
            if (shape is not null && fits)
                rank += ScoringWeights.QuestionTypeBonus;
            ranked.Add(new JudgedPassage(hit, passage, coverage, sentenceCoverage, rank, fits));
        }
        ranked.Sort((a, b) => b.Rank.CompareTo(a.Rank));
        return new DocumentEvidence(concepts, shape, ranked, null);
    }

    private bool SpeaksOf(NamedPlace place, PassageText passage, string document)
    {
        if (place.Names.Any(name => name.AllIn(passage.Stems) || TitleSays(document, name)))
            return true;
        if (place.Strict || countryWords is null)
            return false;
        var title = (IEnumerable<string>?)documentTitles?.GetValueOrDefault(document) ?? [];
        return !passage.Stems.Concat(title).Any(s => countryWords.Contains(s) && !place.Names.Any(n => n.Contains(s)));
    }

    private bool TitleSays(string document, IReadOnlySet<string> name) =>
        documentTitles?.TryGetValue(document, out var title) == true && name.AllIn(title);

    /// <summary>Why no document can answer the question, whatever else it shares with them; null if one may.</summary>
    private static string? RuledOut(Question question, IReadOnlyList<Concept> concepts, AnswerShape? shape)
    {
        // What the question asks for is a word no document uses ("What's the budget of...");
        // not a modifier of a word they do use ("the unproven assumption"), nor what something is
        // called, which documents tell without the word ("also called").
        if (shape is not { AsksWhatItIsCalled: true } && question.Focus is { Role: TokenRole.Unknown, Capitalized: false } focus &&
            !concepts.Any(c => c.Word == focus.Folded && c.Known) && !question.ModifiesKnownWord(focus))
            return $"asks for '{focus.Folded}', which no document uses";
        // Names set the scope; when what is asked about them is mostly words no document uses
        // ("Will it rain in Buenos Aires this weekend?"), the documents cannot answer it.
        var content = concepts.Where(c => !c.Named).ToList();
        if (content.Count >= 2 && content.Where(c => !c.Known).Sum(c => c.Weight) >= ScoringWeights.MaxUnknownContentShare * content.Sum(c => c.Weight))
            return "what it asks beyond names is in no document";
        return null;
    }

    // The stems of each document's first passage, for the few documents questions reach.
    private const int MaxRememberedLeads = 2_000;
    private readonly BoundedCache<string, IReadOnlySet<string>> _leads = new(MaxRememberedLeads);

    private IReadOnlySet<string> Lead(string document) =>
        _leads.GetOrAdd(document, static (document, judge) => judge.ReadLead(document), this);

    // The title is counted apart, for every concept: the opening adds only its first passage.
    // Read as a hit at position 0 would be: one remembered reading serves both.
    private IReadOnlySet<string> ReadLead(string document) =>
        index.LeadOf(document) is { } lead ? Read(lead.Document, 0, lead.Text, lead.Section).Stems : new HashSet<string>();

    private PassageText Read(IndexHit hit) => Read(hit.Document, hit.Position, hit.Text, hit.Section);

    private PassageText Read(string document, int position, string text, string section) =>
        _passages.GetOrAdd((document, position), static (_, passage) => new PassageText(passage.text, passage.section), (text, section));
}
