using System.Collections.Concurrent;
using IomAssistant.Knowledge.Audiences;
using IomAssistant.Knowledge.Catalog;
using IomAssistant.Knowledge.Diagnostics;
using IomAssistant.Knowledge.Indexing;
using IomAssistant.Knowledge.Ingestion;
using IomAssistant.Knowledge.Text;
using IomAssistant.Knowledge.Translation;

namespace IomAssistant.Knowledge.Answers;

/// <summary>
/// Answers a question from the knowledge: links the entities it names, reads the attribute
/// it asks for, and answers with that fact, the entity's card, or the best cited passage —
/// or with nothing when the evidence does not cover the question.
/// </summary>
public sealed partial class AnswerEngine : IAnswerEngine
{
    private const int MaxVisibleChars = 1300;
    private const int Candidates = 8;
    private const string UmbrellaKind = "organization";
    private const int MaxHoldersOfDistinctiveAttribute = 2;
    private const double StrongAttributeScore = 2;
    private const double ClearAttributeScore = 1.5;
    private static readonly HashSet<string> TypedQuestionWords = ["who", "when", "where"];
    public const int DefaultRememberedAnswers = 10_000;
    private const int MaxRememberedQuestionLength = 300;
    private const int MaxRememberedLocaleLength = 16;

    private readonly KnowledgeBase _knowledge;
    private readonly KnowledgeIndex _index;
    private readonly Lexicon _lexicon;

    /// <summary>The vocabulary questions are read against.</summary>
    public Lexicon Lexicon => _lexicon;

    private readonly EntityLinker _linker;
    private readonly PassageJudge _passages;
    private readonly Dictionary<string, IReadOnlyList<IReadOnlySet<string>>> _nameStems;
    private readonly Dictionary<string, AttributeKeywords> _keywords;
    // The attributes each keyword stem and each question word asks for: a question's words find theirs directly.
    private readonly Dictionary<string, List<(string Attribute, double Weight)>> _attributesByKeyword = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<string>> _attributesByQuestionWord = new(StringComparer.Ordinal);
    private readonly IReadOnlyList<EntityDefinition> _homes;
    // The entities an unnamed question may be guessed to mean: those holding an attribute few hold.
    private readonly IReadOnlyList<EntityDefinition> _guessable;
    // For each distinctive attribute, where its holders stand in _guessable: a question asks for few attributes.
    private readonly Dictionary<string, int[]> _guessableByAttribute;
    private readonly Dictionary<(string Document, string Section), EntityDefinition> _sectionEntities;
    // Each entity's attributes in the order of its facts, and those few entities hold (the only ones an unnamed entity may be guessed by).
    private readonly Dictionary<string, string[]> _factAttributes;
    private readonly Dictionary<string, string[]> _distinctiveAttributes;
    private readonly ConcurrentDictionary<(string Entity, string? Attribute), HashSet<string>> _shownStems = new();
    private readonly ConcurrentDictionary<(string Document, string Quote), Passage?> _quotedPassages = new();
    // What does not depend on the question, read once per fact and per fact answer: bounded by the knowledge.
    private readonly ConcurrentDictionary<FactDefinition, string[]> _factStems = new(ReferenceEqualityComparer.Instance);
    private readonly ConcurrentDictionary<(string Entity, string Attribute, string Language), Answer> _factAnswers = new();
    // The engine is immutable (a knowledge change makes a new engine), so an answer, once
    // computed, stays right for as long as this engine serves: the same question is answered once.
    // Keyed by the asker's audiences too: staff and the public may get different answers.
    private readonly Caching.BoundedCache<(string Question, string? Entity, string? Attribute, string? Locale, string Audiences), AskResult> _answers;

    /// <summary>An attribute's keyword stems, each weighted by how few attributes share it, and the head word of its name.</summary>
    private sealed record AttributeKeywords(Dictionary<string, double> Content, HashSet<string> Questions, HashSet<string> Label);

    /// <summary>One way to answer: an entity's card, or one of its attributes.</summary>
    private sealed record Option(EntityDefinition Entity, string? Attribute, double Total, double Strength, HashSet<int> UsedTokens, bool Mentioned, double AttributeScore = 0);

    private enum Verdict { Pass, Fail, MissingAttribute }

    private readonly int _rememberedAnswers;

    /// <param name="rememberedAnswers">How many answers to keep for repeated questions; 0 answers every question anew.</param>
    public AnswerEngine(KnowledgeBase knowledge, KnowledgeIndex index, int rememberedAnswers = DefaultRememberedAnswers)
        : this(knowledge, index, new Lexicon(knowledge, index.Vocabulary), rememberedAnswers)
    {
    }

    private AnswerEngine(KnowledgeBase knowledge, KnowledgeIndex index, Lexicon lexicon, int rememberedAnswers)
    {
        _rememberedAnswers = rememberedAnswers;
        _answers = new(Math.Max(rememberedAnswers, 1));
        _knowledge = knowledge;
        _index = index;
        _lexicon = lexicon;
        _linker = new EntityLinker(knowledge.Entities);
        _passages = new PassageJudge(index, lexicon, knowledge.Documents.Where(d => d.Title.Length > 0).ToDictionary(d => d.Name, d => TitleStems(d.Title), StringComparer.Ordinal), CountryWords(knowledge));
        _nameStems = knowledge.Entities.Where(IsPlace).ToDictionary(e => e.Id, e => (IReadOnlyList<IReadOnlySet<string>>)e.Names.Values.Concat(e.Aliases)
            .Select(name => (IReadOnlySet<string>)TextFolding.Tokens(name).Where(t => !StopWords.IsStopWord(t)).Select(Stemmer.English).ToHashSet())
            .Where(stems => stems.Count > 0)
            .ToList());
        // The section each entity's summary is quoted from: entities whose summary opens a
        // section of their own (the strategy areas) describe that section.
        _sectionEntities = knowledge.Entities
            .Where(e => e.Kind == "strategy" && !string.IsNullOrWhiteSpace(e.Summary))
            .Select(e => (Entity: e, Passage: PassageContainingIn(index, e.Document, e.Summary)))
            .Where(x => x.Passage is not null)
            .GroupBy(x => (x.Passage!.Document, x.Passage.Section))
            .Where(g => g.Count() == 1)
            .ToDictionary(g => g.Key, g => g.Single().Entity);
        _homes = knowledge.Entities.Where(e => e.Home).ToList();
        _factAttributes = knowledge.Entities.ToDictionary(e => e.Id, e => e.Facts.Select(f => f.Attribute).Distinct().ToArray());
        // How many entities hold a fact of each attribute, counted in one pass over the entities.
        var holders = knowledge.Attributes.Keys.ToDictionary(a => a, _ => 0);
        foreach (var attributes in _factAttributes.Values)
            foreach (var attribute in attributes)
                if (holders.ContainsKey(attribute))
                    holders[attribute]++;
        _distinctiveAttributes = _factAttributes.ToDictionary(e => e.Key, e => e.Value.Where(a => holders[a] <= MaxHoldersOfDistinctiveAttribute).ToArray());
        _guessable = knowledge.Entities.Where(e => _distinctiveAttributes[e.Id].Length > 0 && !e.Home).ToList();
        _guessableByAttribute = _guessable.SelectMany((e, i) => _distinctiveAttributes[e.Id].Select(a => (Attribute: a, Index: i)))
            .GroupBy(x => x.Attribute, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Select(x => x.Index).ToArray(), StringComparer.Ordinal);
        var contentStems = knowledge.Attributes.Values.ToDictionary(a => a.Id, a =>
            a.Keywords.SelectMany(TextFolding.Tokens).Where(k => !Lexicon.QuestionWords.Contains(k) && !StopWords.English.Contains(k)).Select(Stemmer.English).ToHashSet());
        // "migration" signals many attributes, "driving" one: a keyword counts less the more attributes share it.
        var sharing = contentStems.Values.SelectMany(k => k).GroupBy(k => k).ToDictionary(g => g.Key, g => g.Count());
        _keywords = knowledge.Attributes.Values.ToDictionary(a => a.Id, a => new AttributeKeywords(
            contentStems[a.Id].ToDictionary(k => k, k => Math.Min(1, Math.Sqrt(2.0 / sharing[k]))),
            a.Keywords.SelectMany(TextFolding.Tokens).Where(Lexicon.QuestionWords.Contains).ToHashSet(),
            TextFolding.Tokens(a.LabelIn("en")).TakeLast(1).Select(Stemmer.English).ToHashSet()));
        foreach (var (attribute, keywords) in _keywords)
        {
            foreach (var (stem, weight) in keywords.Content)
                (_attributesByKeyword.TryGetValue(stem, out var list) ? list : _attributesByKeyword[stem] = []).Add((attribute, weight));
            foreach (var word in keywords.Questions)
                (_attributesByQuestionWord.TryGetValue(word, out var list) ? list : _attributesByQuestionWord[word] = []).Add(attribute);
        }
    }

    /// <summary>
    /// An engine for <paramref name="next"/>, the same catalog and glossary with other
    /// documents (already applied to the index): the vocabulary is the one the index updated
    /// for the changed documents only.
    /// </summary>
    public AnswerEngine WithDocumentChanges(KnowledgeBase next) =>
        new(next, _index, new Lexicon(next, _index.Vocabulary), _rememberedAnswers);

    public AskResult Ask(string question, AnswerContext? context = null, string? locale = null, IReadOnlySet<string>? audiences = null)
    {
        using var activity = KnowledgeTelemetry.Source.StartActivity(KnowledgeTelemetry.Ask);
        question ??= "";
        var asker = Audience.Of(audiences);
        // Only question-sized keys are remembered: long or odd inputs cannot fill the cache's memory.
        if (_rememberedAnswers <= 0 || question.Length > MaxRememberedQuestionLength || locale?.Length > MaxRememberedLocaleLength)
            return Answer(question, context, locale, asker);
        var key = (question, context?.Entity, context?.Attribute, locale, Audience.Key(asker));
        if (_answers.TryGetValue(key, out var remembered))
            return remembered;
        var result = Answer(question, context, locale, asker);
        _answers.Add(key, result);
        return result;
    }

    /// <summary>
    /// The answer for an asker in <paramref name="audiences"/>: entities of documents they may not
    /// read are not linked, ranked, suggested or followed up, and only passages they may read
    /// are searched, so a restricted document can neither show nor decide anything.
    /// </summary>
    private AskResult Answer(string question, AnswerContext? context, string? locale, IReadOnlySet<string> audiences)
    {
        var language = DetectLanguage(question, locale);
        var q = Question.Read(question, _lexicon, language);
        var mentions = Visible(_linker.Link(q), audiences);

        // The documents are judged once, lazily: a named entity's card that answers needs no search.
        var documents = new Lazy<DocumentEvidence>(() =>
        {
            using var retrieve = KnowledgeTelemetry.Source.StartActivity(KnowledgeTelemetry.Retrieve);
            return _passages.Judge(q, audiences, NamedEntities(q, mentions));
        }, LazyThreadSafetyMode.None);
        EntityDefinition? lacksAttribute = null;
        using var decide = KnowledgeTelemetry.Source.StartActivity(KnowledgeTelemetry.Decide);
        foreach (var option in RankOptions(q, mentions, context, audiences))
        {
            switch (Check(q, mentions, option))
            {
                case Verdict.Pass:
                    // A card the question does not name (the home office's, a guessed holder of the
                    // attribute), or the whole card of an entity only extraction wrote, gives way to a
                    // document that explains clearly more of the question.
                    if ((!option.Mentioned || option.Entity.Extracted && option.Attribute is null) &&
                        documents.Value.Best(Math.Max(ScoringWeights.MinCoverage, documents.Value.CoverageOf(StemsOf(option.Entity, option.Attribute)) + ScoringWeights.PassageOverUnnamedCard)) is { } better)
                        return Passage(better, documents.Value, language);
                    var answer = option.Attribute is null ? Card(option.Entity, language, option.Total, q) : FactAnswer(option.Entity, option.Attribute, language, option.Total);
                    return new AskResult(answer, answer.FollowUps, language);
                case Verdict.MissingAttribute:
                    // The organization's bare name only sets the context: what a named office
                    // or country lacks is the gap that counts.
                    if (lacksAttribute is null || IsBareUmbrella(lacksAttribute, mentions) && option.Entity is { Extracted: false })
                        lacksAttribute = option.Entity;
                    break;
            }
        }
        decide?.Stop();
        // Asked for a fact the catalog does not give about a named entity: a document may still
        // give it, but only a passage that explains most of the question; else say so, never
        // guess. The organization's bare name only sets the context; a card only extraction
        // wrote holds what its documents happened to phrase as facts, so what it lacks says
        // nothing of what they give.
        var gap = lacksAttribute is { Extracted: false } && !IsBareUmbrella(lacksAttribute, mentions);
        if (documents.Value.Best(gap ? ScoringWeights.MinCoverageBeyondCard : ScoringWeights.MinCoverage, beyondNames: gap) is { } best)
            return Passage(best, documents.Value, language);
        if (gap)
            return NoAnswer(language, lacksAttribute);

        var named = mentions.Select(m => _knowledge.EntitiesById[m.EntityId]).FirstOrDefault();
        return NoAnswer(language, named);
    }

    private static IReadOnlySet<string> TitleStems(string title) =>
        TextFolding.Tokens(title).Select(Stemmer.English).ToHashSet(StringComparer.Ordinal);

    private bool CanSee(IReadOnlySet<string> audiences, EntityDefinition entity) => _knowledge.CanSee(audiences, entity.Document);

    private List<Mention> Visible(IReadOnlyList<Mention> mentions, IReadOnlySet<string> audiences) =>
        mentions.Where(m => CanSee(audiences, _knowledge.EntitiesById[m.EntityId])).ToList();

    /// <summary>
    /// For each place (country, office) the question names, the stems of its names and of the
    /// words the question named it with ("Venezuelans"): a passage must say one of them.
    /// </summary>
    private List<NamedPlace> NamedEntities(Question q, IReadOnlyList<Mention> mentions) =>
        mentions.GroupBy(m => m.EntityId)
            .Where(g => IsPlace(_knowledge.EntitiesById[g.Key]))
            .Select(g => new NamedPlace([.. _nameStems[g.Key], .. g.Select(m => (IReadOnlySet<string>)
                Enumerable.Range(m.Start, m.Length).Where(i => q.Tokens[i].Counts).Select(i => Stemmer.English(q.Tokens[i].Word)).ToHashSet())],
                Strict: !_knowledge.EntitiesById[g.Key].Extracted))
            .ToList();

    /// <summary>A place a passage must name to answer about it; only places' name stems are kept (at 100,000 documents every entity's took 14 MB and 0.3 s of start).</summary>
    private static bool IsPlace(EntityDefinition entity) => entity.Kind is "country" or "office";

    /// <summary>One-word country names ("Brazil", "Francia"): the words that tell a passage speaks of a country (many-word names share words with much else).</summary>
    private static HashSet<string> CountryWords(KnowledgeBase knowledge) =>
        knowledge.Entities.Where(e => e.Kind == "country")
            .SelectMany(e => e.Names.Values.Concat(e.Aliases))
            .Select(TextFolding.Tokens).Where(t => t.Count == 1)
            .Select(t => Stemmer.English(t[0])).ToHashSet(StringComparer.Ordinal);

    private AskResult Passage(JudgedPassage judged, DocumentEvidence documents, string language)
    {
        var answer = PassageAnswer(judged, documents, language);
        return new AskResult(answer, answer.FollowUps, language);
    }

    /// <summary>
    /// Why an answer was chosen: the ranked ways to answer and the evidence verdict of each,
    /// for content owners checking the catalog and glossary.
    /// </summary>
    public IReadOnlyList<string> Explain(string question, AnswerContext? context = null)
    {
        var q = Question.Read(question ?? "", _lexicon, DetectLanguage(question ?? "", null));
        var mentions = _linker.Link(q);
        var audiences = _knowledge.AllAudiences;
        var lines = new List<string>
        {
            "words: " + string.Join(" ", q.Tokens.Select(t => t.Folded == t.Word ? $"{t.Word}[{t.Role}]" : $"{t.Folded}→{t.Word}[{t.Role}]")),
            "entities: " + string.Join(", ", mentions.Select(m => m.EntityId).Distinct()),
        };
        lines.AddRange(RankOptions(q, mentions, context, audiences).Select(o =>
            $"option {o.Entity.Id}{(o.Attribute is null ? " (card)" : "/" + o.Attribute)} score {o.Total:F2}: {Check(q, mentions, o)}"));
        var documents = _passages.Judge(q, audiences, NamedEntities(q, mentions));
        lines.Add("concepts: " + string.Join(", ", documents.Concepts.Select(c =>
            $"{c.Word}{(c.Known ? "" : "?")}{(c.Named ? "!" : "")} {c.Weight:F1} [{string.Join("|", c.Alternatives.Select(a => a.Stem))}]")));
        if (documents.Shape is { } shape)
            lines.Add($"answer shape: {shape.Name}");
        if (documents.RuledOut is { } reason)
            lines.Add($"documents ruled out: {reason}");
        lines.AddRange(documents.Ranked.Take(5).Select(j =>
            $"passage {j.Hit.Document}#{j.Hit.Position} coverage {j.Coverage:F2} (best sentence {j.SentenceCoverage:F2}, beyond names {documents.AskedCoverage(j):F2}) bm25 {j.Hit.Score:F2} rank {j.Rank:F2}{(j.FitsShape ? "" : " (not the shape asked)")}: {Shorten(j.Hit.Text, 90)}"));
        return lines;
    }

    /// <summary>The question's language; a word no document uses but a Spanish or Portuguese dictionary knows counts for that language.</summary>
    private string DetectLanguage(string question, string? locale) =>
        LanguageDetector.Detect(question, locale, word => _lexicon.IsKnown(word)
            ? (false, false)
            : (BilingualDictionary.Shared.Knows("es", word), BilingualDictionary.Shared.Knows("pt", word)));

    private static string Shorten(string text, int max) => text.Length <= max ? text : text[..max] + "…";

    public IReadOnlyList<Answer> Search(string query, int max, string? locale = null, IReadOnlySet<string>? audiences = null)
    {
        var asker = Audience.Of(audiences);
        var results = new List<Answer>();
        var asked = Ask(query, null, locale, asker);
        if (asked.Answer is not null)
            results.Add(asked.Answer);
        var q = Question.Read(query ?? "", _lexicon, DetectLanguage(query ?? "", locale));
        var language = asked.Language;
        foreach (var hit in _index.Search(QueryStems(q), FuzzyWords(q), query ?? "", Candidates * 2, asker))
        {
            if (results.Count >= max)
                break;
            if (!_knowledge.CanSee(asker, hit.Document))
                continue;
            var answer = FromHit(hit, language, hit.Score);
            if (answer is not null && results.All(r => r.Title != answer.Title || r.Text != answer.Text))
                results.Add(answer);
        }
        return results.Take(max).ToList();
    }

    public Greeting Greeting(string language) => _knowledge.Assistant.In(language);

    public IReadOnlyList<TopicSummary> Topics(string language = "en", IReadOnlySet<string>? audiences = null)
    {
        var asker = Audience.Of(audiences);
        return _knowledge.Entities.Where(e => CanSee(asker, e)).Select(e => new TopicSummary(e.Id, e.Kind, e.Title, e.Summary)).ToList();
    }

    /// <param name="mentions">Only entities the asker may see.</param>
    /// <param name="audiences">Who asks: a context, home or guessed entity they may not see is no option.</param>
    private IEnumerable<Option> RankOptions(Question q, IReadOnlyList<Mention> mentions, AnswerContext? context, IReadOnlySet<string> audiences)
    {
        var options = new List<Option>();
        var byEntity = mentions.GroupBy(m => m.EntityId).ToDictionary(
            g => g.Key,
            g => g.SelectMany(m => Enumerable.Range(m.Start, m.Length)).Where(i => q.Tokens[i].Counts).ToHashSet());

        // Entities the question does not name may only use the words outside every name.
        var named = byEntity.Values.SelectMany(u => u).ToHashSet();
        var asked = AttributeWords(q);
        foreach (var (id, used) in byEntity)
        {
            var entity = _knowledge.EntitiesById[id];
            options.Add(new Option(entity, null, used.Count, used.Count, used, true));
            AddFactOptions(options, q, entity, used.Count, used, named, asked, minScore: 0.5);
        }

        var contextEntity = context?.Entity is { } cid && _knowledge.EntitiesById.TryGetValue(cid, out var ce) && CanSee(audiences, ce) ? ce : null;
        if (contextEntity is not null && !byEntity.ContainsKey(contextEntity.Id))
            AddFactOptions(options, q, contextEntity, 0.5, null, named, asked, minScore: 0.5);
        foreach (var home in _homes.Where(h => h != contextEntity && !byEntity.ContainsKey(h.Id) && CanSee(audiences, h)))
            AddFactOptions(options, q, home, 0.25, null, named, asked, minScore: 1);
        // An entity nobody named can only be meant when few entities hold the attribute asked
        // ("the liaison offices" are IOM's; "member state" alone names no country).
        // Guessing an entity is weaker when the question names another one.
        var guess = byEntity.Keys.Any(id => !IsBareUmbrella(_knowledge.EntitiesById[id], mentions)) ? -0.5 : 0;
        // Only holders of an attribute the question asks for can score, taken in their order.
        var holders = new SortedSet<int>();
        foreach (var askedAttribute in asked.Keys)
            if (_guessableByAttribute.TryGetValue(askedAttribute, out var holding))
                holders.UnionWith(holding);
        foreach (var entity in holders.Select(i => _guessable[i]))
            if (!byEntity.ContainsKey(entity.Id) && CanSee(audiences, entity))
                AddFactOptions(options, q, entity, guess, null, named, asked, minScore: 2, onlyDistinctive: true);

        // "¿y Chile?" after an answer about an attribute: the same attribute of the new entity.
        if (context?.Attribute is { } attribute && !options.Any(o => o.Attribute is not null && o.Total - o.Strength >= 1))
        {
            foreach (var (id, used) in byEntity)
            {
                var entity = _knowledge.EntitiesById[id];
                if (entity.Facts.Any(f => f.Attribute == attribute) && q.Tokens.Where((t, i) => t.Counts && !used.Contains(i)).Count() == 0)
                    options.Add(new Option(entity, attribute, used.Count + 1, used.Count, used, true));
            }
        }

        return options
            .OrderByDescending(o => o.Total)
            .ThenByDescending(o => o.Attribute is not null)
            .ThenByDescending(o => o.Strength)
            .Take(Candidates);
    }

    /// <param name="mentioned">The words that name the entity, or null when the question does not name it: then only the words outside every name count.</param>
    /// <param name="asked">What each word of the question says for each attribute (<see cref="AttributeWords"/>).</param>
    private void AddFactOptions(List<Option> options, Question q, EntityDefinition entity, double strength, HashSet<int>? mentioned, HashSet<int> named,
        Dictionary<string, double[]> asked, double minScore, bool onlyDistinctive = false)
    {
        var used = mentioned ?? named;
        var asksCount = q.AsksCount;
        foreach (var attribute in onlyDistinctive ? _distinctiveAttributes[entity.Id] : _factAttributes[entity.Id])
        {
            // No word of the question asks for this attribute: it scores nothing.
            if (!asked.TryGetValue(attribute, out var words))
                continue;
            // Words naming other entities are theirs, unless this fact shows them ("emigration ... to Europe").
            bool Excluded(int i) => used.Contains(i) || mentioned is not null && named.Contains(i) && !q.Tokens[i].Stems.SharesAny(StemsOf(entity, attribute));
            // How strongly the question's words (outside the entity's name) ask for the attribute.
            var score = 0.0;
            for (var i = 0; i < words.Length; i++)
                if (words[i] > 0 && !Excluded(i))
                    score += words[i];
            if (score < minScore)
                continue;
            var matched = new List<int>();
            for (var i = 0; i < words.Length; i++)
                if (words[i] > 0 && !Excluded(i))
                    matched.Add(i);
            var factStems = StemsOf(entity, attribute);
            // "How many" wants a figure, or at least a list to count; never a sentence.
            var figure = asksCount && HasFact(entity, attribute, static value => value.Any(char.IsDigit));
            if (asksCount && !figure && !HasFact(entity, attribute, static value => value.Split(',').Length >= 3))
                continue;
            // Prefer the fact whose own words answer the question: half a point for each word
            // the fact shows, half a point off for each it leaves unexplained.
            // A named entity the fact does not show counts against it more than an ordinary word.
            // Words the attribute explains cost nothing when the fact says them otherwise
            // ("criada" for a fact quoting "established").
            var evidence = 0.0;
            for (var i = 0; i < q.Tokens.Count; i++)
            {
                if (!q.Tokens[i].Counts || used.Contains(i))
                    continue;
                evidence += q.Tokens[i].Stems.SharesAny(factStems) ? 0.5 : matched.Contains(i) ? 0 : named.Contains(i) ? -1.5 : -0.75;
            }
            var countBonus = asksCount && figure ? 0.5 : 0;
            options.Add(new Option(entity, attribute, strength + score + evidence + countBonus, strength, mentioned is not null ? [.. used, .. matched] : [.. matched], mentioned is not null, score));
        }
    }

    /// <summary>Whether a fact of the attribute has a value of that kind (no closure per attribute: this runs for every option).</summary>
    private static bool HasFact(EntityDefinition entity, string attribute, Func<string, bool> kind)
    {
        foreach (var fact in entity.Facts)
            if (fact.Attribute == attribute && kind(fact.Value))
                return true;
        return false;
    }

    /// <summary>
    /// For each attribute some word of the question asks for, what each word says for it (0
    /// for none), found through the keyword index: read once per question, whatever the
    /// entities; an attribute no word asks for is absent.
    /// </summary>
    private Dictionary<string, double[]> AttributeWords(Question q)
    {
        var asked = new Dictionary<string, double[]>(StringComparer.Ordinal);
        double[] Words(string attribute) => asked.TryGetValue(attribute, out var words) ? words : asked[attribute] = new double[q.Tokens.Count];
        for (var i = 0; i < q.Tokens.Count; i++)
        {
            var token = q.Tokens[i];
            if (token.Role == TokenRole.Content)
            {
                // The best of the word's stems counts.
                foreach (var stem in token.Stems)
                    if (_attributesByKeyword.TryGetValue(stem, out var attributes))
                        foreach (var (attribute, weight) in attributes)
                        {
                            var words = Words(attribute);
                            words[i] = Math.Max(words[i], weight);
                        }
                // The head of the attribute's name ("missions", "staff") says most clearly what is asked.
                foreach (var (attribute, words) in asked)
                    if (words[i] > 0 && token.Stems.SharesAny(_keywords[attribute].Label))
                        words[i] += 0.5;
            }
            else if (token.Role == TokenRole.QuestionWord)
            {
                var weight = token.Stems.Contains("what") || token.Stems.Contains("which") ? 0.25 : 0.5;
                foreach (var stem in token.Stems)
                    if (_attributesByQuestionWord.TryGetValue(stem, out var attributes))
                        foreach (var attribute in attributes)
                            Words(attribute)[i] = weight;
            }
        }
        return asked;
    }

    /// <summary>
    /// Does the answer account for the whole question? Words outside the entity's name and
    /// the attribute must appear in what the answer shows; a fact answer may leave one
    /// ordinary word ("run", "work") unexplained, a card none.
    /// </summary>
    private Verdict Check(Question q, IReadOnlyList<Mention> mentions, Option option)
    {
        var shown = StemsOf(option.Entity, option.Attribute);
        var penalty = 0;
        var asksForAttribute = false;
        var unshownEntities = new HashSet<string>();
        for (var i = 0; i < q.Tokens.Count; i++)
        {
            var token = q.Tokens[i];
            if (!token.Counts || option.UsedTokens.Contains(i) || token.Stems.SharesAny(shown))
                continue;
            var others = mentions.Where(m => m.EntityId != option.Entity.Id && i >= m.Start && i < m.Start + m.Length).ToList();
            if (others.Count > 0)
            {
                // The organization's bare name is in most questions ("what does IOM do about..."): no
                // conflict. A fuller name ("IOM worldwide") does set the scope.
                if (others.All(m => IsBareUmbrella(_knowledge.EntitiesById[m.EntityId], mentions)))
                    continue;
                // Another named entity the answer does not show weighs double on a card; a fact of a
                // named entity may be the relation asked about ("is Guyana covered by Buenos Aires?").
                if (unshownEntities.Add(others[0].EntityId))
                    penalty += option.Attribute is null || !option.Mentioned ? 2 : 1;
                continue;
            }
            // A word the knowledge never uses ("salary", "phone", "weather") cannot be answered from
            // it, unless the question asks clearly for the fact shown ("projects running in ...").
            if (token.Role == TokenRole.Unknown)
            {
                penalty += option.AttributeScore >= ClearAttributeScore || LooksLikeVerbOrAdverb(token.Folded) ? 1 : 2;
                continue;
            }
            penalty += 1;
            if (token.Stems.Any(_attributesByKeyword.ContainsKey))
                asksForAttribute = true;
        }
        // A question opening with "who", "when" or "where" asks for a kind of fact: one that does
        // not answer it misses the point. (Later in the sentence, "people who..." asks nothing.)
        if (option.Attribute is not null && q.Opening is { Role: TokenRole.QuestionWord } opening &&
            opening.Stems.Overlaps(TypedQuestionWords) && !opening.Stems.Overlaps(_keywords[option.Attribute].Questions))
            penalty += 1;
        // A fact of a named entity, or one the question asks for strongly, may leave one ordinary
        // word ("run", "work") unexplained; so may the card of an entity named in full
        // ("is smuggling of migrants an issue?"); a weakly guessed answer none.
        var named = option.Mentioned && !IsBareUmbrella(option.Entity, mentions);
        var allowed = option.Attribute is not null
            ? named || option.AttributeScore >= StrongAttributeScore ? 1 : 0
            : named && option.Strength >= 2 && !asksForAttribute ? 1 : 0;
        if (penalty <= allowed)
            return Verdict.Pass;
        return option.Attribute is null && option.Mentioned && asksForAttribute ? Verdict.MissingAttribute : Verdict.Fail;
    }

    /// <summary>
    /// The stems an answer shows: the entity's names and the facts on it, with the summary on
    /// a card and the quoted passage on a fact answer.
    /// </summary>
    private HashSet<string> StemsOf(EntityDefinition entity, string? attribute) =>
        _shownStems.TryGetValue((entity.Id, attribute), out var shown) ? shown : _shownStems.GetOrAdd((entity.Id, attribute), _ =>
        {
            var facts = entity.Facts.Where(f => attribute is null || f.Attribute == attribute).ToList();
            var context = attribute is null
                ? entity.Summary
                : string.Join(" ", facts.Select(f => PassageContaining(f.SourceIn(entity), f.Quote)?.Text ?? ""));
            var text = KindWords(entity.Kind) + " " + string.Join(" ", entity.Names.Values.Concat(entity.Aliases)) + " " + context + " " +
                       string.Join(" ", facts.Select(f => f.Value + " " + f.Quote));
            return TextFolding.Tokens(text).Select(Stemmer.English).ToHashSet();
        });

    /// <summary>
    /// "shaped", "pushing", "roughly": words that say how rather than what is asked about; an
    /// unknown noun ("salary", "phone") is what marks a question the knowledge cannot answer.
    /// </summary>
    private static bool LooksLikeVerbOrAdverb(string word) =>
        word.Length >= 5 && (word.EndsWith("ly") || word.EndsWith("ing") || word.EndsWith("ed"));

    /// <summary>The organization named only by its bare name ("IOM", "OIM"), as context rather than subject.</summary>
    private static bool IsBareUmbrella(EntityDefinition entity, IReadOnlyList<Mention> mentions) =>
        entity.Kind == UmbrellaKind && mentions.Where(m => m.EntityId == entity.Id).Sum(m => m.Length) <= 1;

    /// <summary>What a card of each kind is, so "the emergency response area" is explained by its card.</summary>
    private static string KindWords(string kind) => kind switch
    {
        "strategy" => "strategy thematic area",
        "office" => "office",
        "country" => "country",
        "region" => "region",
        "organization" => "organization",
        _ => "",
    };

}
