using IomAssistant.Knowledge.Answers;
using IomAssistant.Knowledge.Catalog;
using IomAssistant.Knowledge.Ingestion;
using IomAssistant.Knowledge.Text;

namespace IomAssistant.Knowledge.Extraction;

/// <summary>
/// Reads one document for what it names and what it says about them, in two passes over its
/// sentences. First the names: organizations, programmes and agreements with their acronyms
/// ("Regional Inter-Agency Coordination Platform (R4V)"), quoted names with their translations
/// ("Operation Welcome" (or in Portuguese, Operação Acolhida)), countries from the gazetteer,
/// acronyms the document keeps using, and the strategy areas a sentence announces ("six
/// thematic areas") as the headings that follow it. Then the facts, each quoting the sentence
/// that states it: labelled figures ("515 Staff", "162 member states"), dates of creation and
/// events, places ("located in Buenos Aires"), former names and people with their roles.
/// Work is linear in the document's words and bounded per document.
/// </summary>
public sealed class DocumentExtractor
{
    private const int MaxSentences = 2_000;
    // A longer "sentence" is a table or a run-on list, no description for a card.
    private const int MaxSummaryChars = 600;
    private const int MaxEntities = 60;
    private const int MaxFactsPerEntity = 8;
    private const int MaxNameWords = 12;
    private const int MaxQuotedNameWords = 6;
    private const int MaxLabelWords = 3;
    private const int MinAcronymUses = 2;
    private const int MaxAreas = 12;
    private const int MaxWordsToDate = 6;
    private const int MaxWordsDated = 30;

    private static readonly HashSet<string> Connectors = ["of", "for", "the", "and", "on", "from", "in", "with", "de", "del", "la", "las", "los", "el", "para", "do", "da", "dos", "das", "e", "y"];
    private static readonly HashSet<string> NameBreakers = ["of", "for", "in", "on", "from", "with", "and"];
    private static readonly HashSet<string> CreationVerbs = ["created", "established", "founded", "launched", "formed", "inaugurated", "born", "opened"];
    private static readonly HashSet<string> EventVerbs = ["joined", "became", "signed", "adopted", "approved", "began", "started", "entered", "confirmed"];
    private static readonly HashSet<string> PlaceVerbs = ["located", "based", "headquartered", "situated", "seated"];
    // "first known as", "originally known as": what a thing was called before.
    private static readonly HashSet<string> FormerMarkers = ["first", "originally", "previously", "once", "initially"];
    private static readonly HashSet<string> AreaNouns = ["areas", "pillars", "priorities", "lines", "axes", "objectives"];
    private static readonly HashSet<string> AreaQualifiers = ["thematic", "strategic", "priority", "programmatic", "work", "action"];
    private static readonly HashSet<string> Scales = ["thousand", "million", "billion"];
    private static readonly HashSet<string> SentenceOpeners = ["through", "under", "since", "after", "before", "during", "following", "like", "despite", "among", "between", "within", "across", "also", "however", "thus", "likewise", "finally", "furthermore", "moreover", "although", "while", "when", "where"];
    private static readonly HashSet<string> NotCounted = ["per", "percent", "year", "years", "month", "months", "week", "weeks", "day", "days", "hour", "hours", "minutes", "times", "st", "nd", "rd", "th"];
    // The attributes a figure's label may not name: they hold other things than counts.
    private static readonly HashSet<string> NotFigures = ["people", "dates", "figures", "location", "created", "formerly", "thematic-areas", "membership"];
    // Names of things ending in one of these are kept: "MERCOSUR Residence Agreement", "Quito Process", "Treaty of Asuncion".
    private static readonly HashSet<string> ThingHeads = ["agreement", "declaration", "process", "plan", "platform", "programme", "program", "project", "operation", "initiative", "protocol", "treaty", "convention", "compact", "conference", "summit", "agenda", "strategy", "committee", "network", "mechanism", "fund"];
    private static readonly HashSet<string> OrganizationHeads = ["organization", "organisation", "agency", "commissioner", "programme"];
    private static readonly HashSet<string> OfficeHeads = ["office", "mission", "centre", "center", "bureau"];
    private static readonly HashSet<string> RegionHeads = ["america", "caribbean", "europe", "asia", "africa", "cone", "oceania"];
    private static readonly HashSet<string> Roles = ["director", "secretary", "chief", "president", "minister", "ambassador", "coordinator", "head", "commissioner", "representative"];
    private static readonly string[] Months = ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december"];
    private static readonly Dictionary<string, int> NumberWords = new()
    {
        ["two"] = 2, ["three"] = 3, ["four"] = 4, ["five"] = 5, ["six"] = 6, ["seven"] = 7, ["eight"] = 8, ["nine"] = 9, ["ten"] = 10, ["eleven"] = 11, ["twelve"] = 12,
    };
    private static readonly Dictionary<string, string> LanguageCodes = new() { ["spanish"] = "es", ["portuguese"] = "pt", ["english"] = "en" };
    // What an office is called in the other languages: "the regional office" asked in Spanish is "la oficina regional".
    private static readonly Dictionary<string, string[]> OfficeWords = new()
    {
        ["regional office"] = ["oficina regional", "escritório regional"],
        ["country office"] = ["oficina de país", "escritório nacional"],
        ["office"] = ["oficina", "escritório"],
        ["mission"] = ["misión", "missão"],
    };

    private readonly CountryGazetteer _countries;
    private readonly IReadOnlyDictionary<string, AttributeDefinition> _attributes;

    /// <param name="attributes">The attributes facts may have: a figure's label names one ("515 Staff") or it is one of the figures.</param>
    public DocumentExtractor(CountryGazetteer countries, IReadOnlyDictionary<string, AttributeDefinition> attributes)
    {
        _countries = countries;
        _attributes = attributes;
    }

    /// <param name="Heading">A section's title: it names things ("... Platform (R4V)") but describes nothing.</param>
    /// <param name="Lead">For a heading, the first sentence under it: what a thing the heading names is.</param>
    private sealed record Sentence(int Section, BlockKind Kind, string Text, List<Word> Words, bool Heading = false, string Lead = "");

    private sealed record Mentioned(EntityDefinition Entity, int Start, int End);

    /// <summary>What one document names, each entity with the facts it states; every quote is the document's own text.</summary>
    public IReadOnlyList<EntityDefinition> Extract(CleanDocument document)
    {
        var sentences = Sentences(document);
        var found = new Found(document.Name);
        foreach (var sentence in sentences)
            FindNames(sentence, found);
        FindRecurringAcronyms(sentences, found);
        FindStrategyAreas(document, sentences, found);
        Subject? previous = null;
        foreach (var sentence in sentences)
            previous = FindFacts(document, sentence, found, previous);
        // After the facts: an office listed again by its city ("regional offices (..., Buenos
        // Aires, ...)") is then known by the city its own sentence located it in.
        foreach (var sentence in sentences.Where(s => s.Kind == BlockKind.Paragraph && !s.Heading))
            FindOfficesInCities(sentence, found);
        return found.Entities;
    }

    private static List<Sentence> Sentences(CleanDocument document)
    {
        var sentences = new List<Sentence>();
        for (var s = 0; s < document.Sections.Count && sentences.Count < MaxSentences; s++)
        {
            var title = document.Sections[s].Title;
            if (title != CleanDocument.UntitledSection)
            {
                var lead = document.Sections[s].Blocks.FirstOrDefault(b => b.Kind == BlockKind.Paragraph) is { } first ? PreciseAnswer.Sentences(first.Text)[0] : "";
                sentences.Add(new Sentence(s, BlockKind.Paragraph, title, Word.Split(title), Heading: true, Lead: lead));
            }
            foreach (var block in document.Sections[s].Blocks)
            {
                var texts = block.Kind == BlockKind.List ? block.Items : block.Kind == BlockKind.Figure ? [block.Text] : PreciseAnswer.Sentences(block.Text);
                foreach (var text in texts.Take(MaxSentences - sentences.Count))
                    sentences.Add(new Sentence(s, block.Kind, text, Word.Split(text)));
            }
        }
        return sentences;
    }

    /// <summary>The entities of one document, found by any of their names.</summary>
    private sealed class Found(string document)
    {
        private readonly Dictionary<string, EntityDefinition> _byName = new(StringComparer.Ordinal);
        public List<EntityDefinition> Entities { get; } = [];
        public EntityDefinition? Main { get; set; }

        /// <summary>Entities described only by the first sentence that named them: a sentence that defines one later describes it better.</summary>
        public HashSet<EntityDefinition> Undefined { get; } = [];

        /// <summary>Folded words, "Declaration of Quito" in the order of "Quito Declaration": two ways to name one thing.</summary>
        public static string Key(string name)
        {
            var folded = IsKey(name) ? name : string.Join(' ', TextFolding.Tokens(name));
            var firstSpace = folded.IndexOf(' ');
            if (firstSpace < 0 || !folded.AsSpan(firstSpace).StartsWith(" of ") || !ThingHeads.Contains(folded[..firstSpace]))
                return folded;
            return string.Concat(folded.AsSpan(firstSpace + 4), " ", folded.AsSpan(0, firstSpace));
        }

        /// <summary>Already folded (lower-case ASCII letters and digits, words one space apart): folding it again gives itself.</summary>
        private static bool IsKey(string name)
        {
            if (name.Length == 0 || name[0] == ' ' || name[^1] == ' ')
                return false;
            for (var i = 0; i < name.Length; i++)
                if (!(name[i] is >= 'a' and <= 'z' or >= '0' and <= '9' || name[i] == ' ' && name[i - 1] != ' '))
                    return false;
            return true;
        }

        /// <summary>How many words the longest name found so far has: no longer run of a sentence can name an entity.</summary>
        public int LongestName { get; private set; }

        private void Remember(string key, EntityDefinition entity)
        {
            _byName[key] = entity;
            LongestName = Math.Max(LongestName, key.Count(c => c == ' ') + 1);
            _firstWords.Add(key.IndexOf(' ') is > 0 and var space ? key[..space] : key);
        }

        // The first word of every name: a sentence's word that starts none is looked up no further.
        private readonly HashSet<string> _firstWords = new(StringComparer.Ordinal);

        /// <summary>Could a name start with this folded word? "declaration" also starts "Declaration of Quito", kept as "quito declaration".</summary>
        public bool MayStartName(string folded) =>
            _firstWords.Contains(folded) || ThingHeads.Contains(folded) || !folded.All(char.IsLetterOrDigit);

        public EntityDefinition? Named(string name) => _byName.GetValueOrDefault(Key(name));

        public EntityDefinition? Add(string kind, string name, string summary)
        {
            if (Named(name) is { } known)
            {
                Alias(known, name);
                return known;
            }
            if (Entities.Count >= MaxEntities || Key(name).Length == 0)
                return null;
            var entity = new EntityDefinition
            {
                Id = "doc-" + string.Join('-', TextFolding.Tokens(name)),
                Kind = kind,
                Names = new Dictionary<string, string> { ["en"] = name },
                Document = document,
                Summary = Bounded(summary),
                Extracted = true,
            };
            Entities.Add(entity);
            Remember(Key(name), entity);
            return entity;
        }

        public void Alias(EntityDefinition entity, string alias)
        {
            var key = Key(alias);
            if (key.Length == 0 || _byName.TryGetValue(key, out var named) && named != entity)
                return;
            Remember(key, entity);
            // The other word order is an alias of its own: questions write either.
            var written = string.Join(' ', TextFolding.Tokens(alias));
            if (!entity.Names.Values.Concat(entity.Aliases).Any(n => string.Join(' ', TextFolding.Tokens(n)) == written))
                entity.Aliases.Add(alias);
        }
    }

    private void FindNames(Sentence sentence, Found found)
    {
        var words = sentence.Words;
        if (sentence.Kind == BlockKind.Paragraph)
        {
            for (var i = 0; i < words.Count; i++)
            {
                if (words[i].Acronym && IsParenthesized(sentence.Text, words[i]))
                    DefineAcronym(sentence, i, found);
            }
            FindQuotedNames(sentence, found);
            FindNamedThings(sentence, found);
        }
        foreach (var (country, _, _) in _countries.Find(words))
        {
            var summary = Description(sentence);
            var entity = found.Named(country.English) ?? found.Add("country", country.English, summary);
            if (entity is null)
                continue;
            entity.Names["es"] = country.Spanish;
            entity.Names["pt"] = country.Portuguese;
            if (entity.Summary.Length == 0 && summary.Length > 0)
                entity.Summary = summary;
        }
    }

    private static string Description(Sentence sentence) =>
        Bounded(sentence.Heading ? sentence.Lead : sentence.Kind == BlockKind.Paragraph ? sentence.Text : "");

    private static string Bounded(string summary) => summary.Length <= MaxSummaryChars ? summary : "";

    private static bool IsParenthesized(string text, Word word) =>
        word.Start > 0 && text[word.Start - 1] == '(' && word.End < text.Length && text[word.End] is ')' or ',';

    /// <summary>"the International Organization for Migration (IOM)": the capitalized run before the acronym names it.</summary>
    private static void DefineAcronym(Sentence sentence, int at, Found found)
    {
        var words = sentence.Words;
        var first = at;
        for (var k = at - 1; k >= 0 && at - k <= MaxNameWords; k--)
        {
            // A name does not run across punctuation, except a hyphen or the space between words.
            if (sentence.Text.AsSpan(words[k].End, words[k + 1].Start - words[k].End).Trim().Length > (k + 1 == at ? 1 : 0))
                break;
            if (words[k].Capitalized)
                first = k;
            else if (!Connectors.Contains(words[k].Folded))
                break;
        }
        if (first == at)
            return;
        // "from PICMME to the Committee ...": a name starts after another's acronym, and never with "the".
        for (var k = at - 1; k > first; k--)
            if (words[k - 1].Acronym && Connectors.Contains(words[k].Folded))
            {
                first = k + 1;
                break;
            }
        while (first < at && Connectors.Contains(words[first].Folded))
            first++;
        if (first == at)
            return;
        var nameWords = words.GetRange(first, at - first);
        // "IOM Regional Office (RO) for South America": the name goes on after its acronym.
        var close = sentence.Text.IndexOf(')', words[at].End);
        var after = at + 1;
        if (close > 0 && after + 1 < words.Count && words[after].Start > close && NameBreakers.Contains(words[after].Folded) && words[after + 1].Capitalized &&
            sentence.Text.AsSpan(close + 1, words[after].Start - close - 1).Trim().Length == 0)
        {
            var end = after + 1;
            while (end + 1 < words.Count && words[end + 1].Capitalized && words[end + 1].Start - words[end].End == 1)
                end++;
            nameWords = [.. nameWords, .. words.GetRange(after, end - after + 1)];
        }
        var name = Phrase(sentence.Text, nameWords);
        var acronym = words[at].Text;
        var entity = found.Named(acronym) ?? found.Add(KindOf(nameWords), name, Description(sentence));
        if (entity is null)
            return;
        // Used before it is spelled out: the full name is its title.
        if (entity.Names["en"] == acronym)
            entity.Names["en"] = name;
        found.Alias(entity, name);
        found.Alias(entity, acronym);
        // "IOM Regional Office ..." is also "Regional Office ...".
        if (nameWords.Count > 2 && nameWords[0].Acronym)
            found.Alias(entity, Phrase(sentence.Text, nameWords.GetRange(1, nameWords.Count - 1)));
        if (entity.Kind is "office" or "organization" or "topic")
            found.Main ??= entity;
    }

    /// <summary>Names written in quotes (“Operation Welcome”), and their translation given after them.</summary>
    private static void FindQuotedNames(Sentence sentence, Found found)
    {
        var text = sentence.Text;
        for (var open = text.IndexOfAny(['“', '"']); open >= 0 && open + 1 < text.Length; open = text.IndexOfAny(['“', '"'], open + 1))
        {
            var close = text.IndexOfAny(['”', '"'], open + 1);
            if (close < 0)
                return;
            var inside = text[(open + 1)..close];
            var words = Word.Split(inside);
            if (words.Count is 0 or > MaxQuotedNameWords || !words.All(w => w.Capitalized || Connectors.Contains(w.Folded)) || inside.IndexOfAny(['.', ',', '!', '?']) >= 0)
            {
                open = close;
                continue;
            }
            // “The International Migration Agency” is the International Migration Agency.
            if (words.Count > 1 && words[0].Folded == "the")
                inside = inside[(words[1].Start)..];
            var entity = found.Named(inside) ?? found.Add(KindOf(words), inside, Description(sentence));
            if (entity is null)
                return;
            // “Operation Welcome” (or in Portuguese, Operação Acolhida)
            var rest = text.AsSpan(close + 1).TrimStart();
            if (rest.StartsWith("(") && rest.IndexOf(')') is > 0 and var end)
            {
                var note = rest[1..end].ToString();
                var comma = note.IndexOfAny([',', ':']);
                var language = comma > 0 ? Word.Split(note[..comma]).Select(w => LanguageCodes.GetValueOrDefault(w.Folded)).FirstOrDefault(c => c is not null) : null;
                if (language is not null && note[(comma + 1)..].Trim() is { Length: > 0 } translated)
                {
                    entity.Names.TryAdd(language, translated);
                    found.Alias(entity, translated);
                }
            }
            found.Main ??= entity;
            open = close;
        }
    }

    /// <summary>
    /// "MERCOSUR Residence Agreement", "Quito Declaration", "Treaty of Asuncion": capitalized words
    /// ending in a word for an agreement, process or programme (and what it is "of"), named as such.
    /// </summary>
    private static void FindNamedThings(Sentence sentence, Found found)
    {
        var words = sentence.Words;
        var known = Mentions(words, found);
        for (var i = 0; i < words.Count; i++)
        {
            if (!words[i].Capitalized || !ThingHeads.Contains(words[i].Folded))
                continue;
            // Named before, perhaps in the other word order ("Declaration of Quito"): an alias.
            if (known.FirstOrDefault(m => m.Start <= i && i < m.End) is { } mention)
            {
                found.Alias(mention.Entity, Phrase(sentence.Text, words.GetRange(mention.Start, mention.End - mention.Start)));
                continue;
            }
            var first = i;
            while (first > 0 && i - first < MaxNameWords && words[first - 1].Capitalized && !Connectors.Contains(words[first - 1].Folded) &&
                   sentence.Text.AsSpan(words[first - 1].End, words[first].Start - words[first - 1].End).Trim().Length == 0)
                first--;
            // A sentence's first word is capitalized whatever it is: "The", "Through" name nothing.
            while (first < i && (first == 0 && (StopWords.IsStopWord(words[first].Folded) || SentenceOpeners.Contains(words[first].Folded)) || Connectors.Contains(words[first].Folded)))
                first++;
            var last = i;
            // "Treaty of Asuncion", "Project Pana": the name may go on after its head word.
            if (i + 2 < words.Count && words[i + 1].Folded is "of" or "on" or "for" && words[i + 2].Capitalized && !ThingHeads.Contains(words[i + 2].Folded))
                last = words.IndexOf(CapitalizedRun(words, i + 2, sentence.Text, allowComma: false)[^1], i + 2);
            else if (first == i && i + 1 < words.Count && words[i + 1].Capitalized && !words[i + 1].Acronym && sentence.Text.AsSpan(words[i].End, words[i + 1].Start - words[i].End).Trim().Length == 0)
                last = i + 1;
            if (last - first < 1)
                continue;
            var name = Phrase(sentence.Text, words.GetRange(first, last - first + 1));
            var head = Phrase(sentence.Text, words.GetRange(first, i - first + 1));
            // "IOM Regional Strategy for South America" after "IOM Regional Strategy": the same one.
            if (last > i && found.Named(head) is { } same)
                found.Alias(same, name);
            else
                found.Add("topic", name, Description(sentence));
            i = last;
        }
    }

    /// <summary>An acronym the document keeps using without spelling it out ("IOM") names an organization.</summary>
    private static void FindRecurringAcronyms(List<Sentence> sentences, Found found)
    {
        var uses = new Dictionary<string, (int Count, Sentence First)>(StringComparer.Ordinal);
        foreach (var sentence in sentences.Where(s => s.Kind == BlockKind.Paragraph && !s.Heading))
            foreach (var word in sentence.Words.Where(w => w.Acronym && !w.Text.EndsWith('s')))
                uses[word.Text] = uses.TryGetValue(word.Text, out var u) ? (u.Count + 1, u.First) : (1, sentence);
        foreach (var (acronym, (count, first)) in uses.Where(u => u.Value.Count >= MinAcronymUses).OrderBy(u => u.Key, StringComparer.Ordinal))
            if (found.Named(acronym) is null)
                found.Add("organization", acronym, "");
    }

    /// <summary>
    /// "IOM Regional Strategy is implemented through six thematic areas": the next six headings
    /// are the areas, each a strategy entity described by its section's first sentence.
    /// </summary>
    private static void FindStrategyAreas(CleanDocument document, List<Sentence> sentences, Found found)
    {
        foreach (var sentence in sentences.Where(s => s.Kind == BlockKind.Paragraph))
        {
            var words = sentence.Words;
            for (var i = 1; i < words.Count; i++)
            {
                if (!AreaNouns.Contains(words[i].Folded))
                    continue;
                var qualified = AreaQualifiers.Contains(words[i - 1].Folded);
                var countAt = qualified ? i - 2 : i - 1;
                if (!qualified || countAt < 0 || Count(words[countAt]) is not { } count || count is < 2 or > MaxAreas)
                    continue;
                var areas = document.Sections.Skip(sentence.Section + 1)
                    .Where(s => s.Title != CleanDocument.UntitledSection && s.Blocks.Any(b => b.Kind == BlockKind.Paragraph))
                    .Take(count).ToList();
                if (areas.Count < count)
                    continue;
                var owner = OpeningName(sentence);
                var ownerEntity = owner is null ? null : found.Named(owner) ?? found.Add("topic", owner, sentence.Text);
                if (ownerEntity is not null && owner!.Split(' ').Length > 2 && Word.Split(owner)[0].Acronym)
                    found.Alias(ownerEntity, owner[(owner.IndexOf(' ') + 1)..]);
                foreach (var area in areas)
                {
                    var opening = PreciseAnswer.Sentences(area.Blocks.First(b => b.Kind == BlockKind.Paragraph).Text)[0];
                    found.Add("strategy", area.Title, opening);
                    if (ownerEntity is not null)
                        AddFact(ownerEntity, "thematic-areas", area.Title, area.Title);
                }
                return;
            }
        }
    }

    private static int? Count(Word word) =>
        NumberWords.TryGetValue(word.Folded, out var n) ? n : int.TryParse(word.Text, out var d) ? d : null;

    /// <summary>The capitalized run a sentence opens with ("IOM Regional Strategy is ..."): what it is about.</summary>
    private static string? OpeningName(Sentence sentence)
    {
        var words = sentence.Words;
        var end = 0;
        while (end < words.Count && end < MaxNameWords && words[end].Capitalized)
            end++;
        return end >= 2 ? Phrase(sentence.Text, words.GetRange(0, end)) : null;
    }

    /// <summary>Who a sentence's facts are about: an entity it names, or the one the sentence before was about ("It was formerly ...").</summary>
    /// <param name="Programme">The last programme or operation the section was about, whose action later figures may count.</param>
    private sealed record Subject(EntityDefinition Entity, int Section, EntityDefinition? Programme);

    private Subject? FindFacts(CleanDocument document, Sentence sentence, Found found, Subject? previous)
    {
        var words = sentence.Words;
        if (sentence.Kind == BlockKind.Figure)
        {
            if (found.Main is { } main && words.Count >= 2 && words[0].IsNumber)
                AddFigure(main, sentence, 0);
            return previous;
        }
        if (sentence.Kind == BlockKind.List)
        {
            // A list of countries under a heading ("Member States and IOM Missions"): each is one of them.
            var title = document.Sections[sentence.Section].Title;
            if (title != CleanDocument.UntitledSection)
                foreach (var country in _countries.Find(words).Select(c => found.Named(c.Country.English)).OfType<EntityDefinition>())
                    AddFact(country, "membership", title, title);
            return previous;
        }
        var mentions = Mentions(words, found);
        if (sentence.Heading)
            return previous;
        // An entity first named in a heading or a list is described by the first sentence that
        // names it, until one says what it is ("Established in 1951, IOM is the leading ...").
        foreach (var mention in mentions)
        {
            if (mention.Entity.Summary.Length == 0 && Bounded(sentence.Text) is { Length: > 0 } first)
            {
                mention.Entity.Summary = first;
                found.Undefined.Add(mention.Entity);
            }
            if (found.Undefined.Contains(mention.Entity) && Defines(words, mention) && Bounded(sentence.Text) is { Length: > 0 } definition)
            {
                mention.Entity.Summary = definition;
                found.Undefined.Remove(mention.Entity);
            }
        }
        var opensWithPronoun = words.Count > 0 && words[0].Folded is "it" or "its";
        var subject = mentions.FirstOrDefault(m => m.Entity.Kind != "country")?.Entity ?? (opensWithPronoun ? previous?.Entity : null);
        for (var i = 0; i < words.Count; i++)
        {
            var word = words[i];
            if (!MayStateFact(word))
                continue;
            // "It includes a platform located in Panama ...": before any name, "it" is the subject of the sentence before.
            var about = mentions.LastOrDefault(m => m.End <= i && m.Entity.Kind != "country")?.Entity ??
                        (opensWithPronoun ? previous?.Entity : null) ??
                        mentions.FirstOrDefault(m => m.Start > i && m.Entity.Kind != "country")?.Entity ?? subject;
            if (CreationVerbs.Contains(word.Folded) || EventVerbs.Contains(word.Folded))
            {
                if (about is not null && DateAfter(words, i + 1) is null && PlaceAfter(words, i + 1, sentence.Text) is { } place)
                    AddFact(about, "location", Phrase(sentence.Text, place), Phrase(sentence.Text, words.GetRange(i, words.IndexOf(place[^1]) - i + 1)));
                var creation = CreationVerbs.Contains(word.Folded);
                if (DateAfter(words, i + 1) is var (date, end) && about is not null)
                {
                    // The fact quotes what states it, "created on July 2011", not the whole sentence.
                    var stated = Phrase(sentence.Text, words.GetRange(i, end - i + 1));
                    AddFact(about, creation ? "created" : "dates", creation ? date : stated, stated);
                }
                // "On 19 September 2016, IOM became a related agency to the United Nations": the
                // date opens the sentence, which says in full what happened.
                else if (about is not null && words.Count <= MaxWordsDated && OpeningDate(words, i, sentence.Text) is var (opening, from))
                {
                    var stated = Phrase(sentence.Text, words.GetRange(from, words.Count - from));
                    AddFact(about, creation ? "created" : "dates", creation ? opening : stated, stated);
                }
            }
            else if (PlaceVerbs.Contains(word.Folded) && i + 2 < words.Count && words[i + 1].Folded == "in" && words[i + 2].Capitalized && about is not null)
            {
                var place = CapitalizedRun(words, i + 2, sentence.Text, allowComma: true);
                AddFact(about, "location", Phrase(sentence.Text, place), Phrase(sentence.Text, words.GetRange(i, i + 2 + place.Count - i)));
                if (about.Kind == "office" && about == found.Main)
                    AddCityAliases(about, Phrase(sentence.Text, CapitalizedRun(words, i + 2, sentence.Text, allowComma: false)), found, byKindAlone: true);
            }
            else if ((word.Folded == "formerly" || word.Folded == "known" && i > 0 && FormerMarkers.Contains(words[i - 1].Folded)) && about is not null)
            {
                var start = i + 1;
                while (start < words.Count && words[start].Folded is "the" or "known" or "as" or "called" or "named")
                    start++;
                if (start < words.Count && words[start].Capitalized)
                {
                    var run = CapitalizedRun(words, start, sentence.Text, allowComma: false);
                    var former = Phrase(sentence.Text, run);
                    AddFact(about, "formerly", former, Phrase(sentence.Text, words.GetRange(i, start + run.Count - i)));
                    found.Alias(about, former);
                }
            }
            else if (word.IsNumber && !IsYear(word) && (i == 0 || !Months.Contains(words[i - 1].Folded)))
            {
                foreach (var entity in mentions.Where(m => m.Entity.Kind == "country").Select(m => m.Entity).Append(about).OfType<EntityDefinition>().Distinct())
                    AddFigure(entity, sentence, i);
                // "Relocation carried out by Operation Welcome ..." then "500 Venezuelans have been
                // relocated ... by IOM": a figure of the action the programme before carries out.
                var namedBefore = opensWithPronoun || mentions.Any(m => m.End <= i && m.Entity.Kind != "country");
                if (!namedBefore && previous?.Section == sentence.Section && previous.Programme is { } programme && programme != about && ContinuesAction(programme, words, i))
                    AddFigure(programme, sentence, i);
            }
            else if (Roles.Contains(word.Folded) && word.Capitalized && about is not null && PersonAfter(words, i, sentence.Text, found) is { } person)
            {
                AddFact(about, "people", person, person);
            }
        }
        if (subject is null)
            return previous;
        var programmeBefore = previous?.Section == sentence.Section ? previous.Programme : null;
        return new Subject(subject, sentence.Section, subject.Kind == "topic" ? subject : programmeBefore);
    }

    /// <summary>The words a fact is found at (a verb, a marker, a number or a role): no other word needs its subject worked out.</summary>
    private static bool MayStateFact(Word word) =>
        word.IsNumber || CreationVerbs.Contains(word.Folded) || EventVerbs.Contains(word.Folded) || PlaceVerbs.Contains(word.Folded) ||
        word.Folded is "formerly" or "known" || Roles.Contains(word.Folded);

    private const int ActionWindow = 6;

    /// <summary>Do the words around a figure share an action word ("relocated") with what describes <paramref name="programme"/> ("Relocation carried out by ...")?</summary>
    private static bool ContinuesAction(EntityDefinition programme, List<Word> words, int at)
    {
        var described = ActionStems(Word.Split(programme.Summary), 0, int.MaxValue);
        described.ExceptWith(programme.Names.Values.SelectMany(TextFolding.Tokens).Select(Stemmer.English));
        return ActionStems(words, at - ActionWindow, at + ActionWindow).Overlaps(described);
    }

    /// <summary>The stems of the common words (no names, numbers or function words) of words[from..to].</summary>
    private static HashSet<string> ActionStems(List<Word> words, int from, int to)
    {
        var stems = new HashSet<string>(StringComparer.Ordinal);
        for (var k = Math.Max(0, from); k < words.Count && k <= to; k++)
            if ((k == 0 || !words[k].Capitalized) && !words[k].IsNumber && words[k].Folded.Length >= 4 && !StopWords.English.Contains(words[k].Folded))
                stems.Add(Stemmer.English(words[k].Folded));
        return stems;
    }

    /// <summary>Where the sentence names the document's entities, by any of their names, longest first.</summary>
    private static List<Mentioned> Mentions(List<Word> words, Found found)
    {
        var mentions = new List<Mentioned>();
        for (var i = 0; i < words.Count; i++)
        {
            if (!words[i].Capitalized || !found.MayStartName(words[i].Folded))
                continue;
            for (var length = Math.Min(Math.Min(MaxNameWords, found.LongestName), words.Count - i); length >= 1; length--)
            {
                var key = Word.FoldedRun(words, i, length);
                if (found.Named(key) is { } entity)
                {
                    mentions.Add(new Mentioned(entity, i, i + length));
                    i += length - 1;
                    break;
                }
            }
        }
        return mentions;
    }

    /// <summary>"515 Staff", "162 member states", "over 7.7 million Venezuelan refugees": a number and the words it counts.</summary>
    private void AddFigure(EntityDefinition entity, Sentence sentence, int at)
    {
        var words = sentence.Words;
        var number = words[at].Text;
        if (!number.All(c => char.IsDigit(c) || c is ',' or '.'))
            return;
        var next = at + 1;
        if (next < words.Count && Scales.Contains(words[next].Folded))
            number += " " + words[next++].Text;
        var label = new List<Word>();
        for (var k = next; k < words.Count && label.Count < MaxLabelWords; k++)
        {
            var gap = sentence.Text.AsSpan(words[k - 1].End, words[k].Start - words[k - 1].End).Trim();
            if (gap.Length > 0 || words[k].IsNumber || StopWords.English.Contains(words[k].Folded) || words[k].Folded.EndsWith("ing"))
                break;
            // "2 February", "65 years", "19 per cent": a date, a duration or a share counts nothing.
            if (label.Count == 0 && (Months.Contains(words[k].Folded) || NotCounted.Contains(words[k].Folded)))
                return;
            label.Add(words[k]);
        }
        if (label.Count == 0)
            return;
        var labelText = Phrase(sentence.Text, label);
        // A country's figures count other things than the organization's ("17 countries" host): all are figures.
        var attribute = entity.Kind == "country" ? "figures" : AttributeNamed(label);
        AddFact(entity, attribute, attribute == "figures" ? $"{number} {labelText}" : number, sentence.Text[words[at].Start..label[^1].End]);
    }

    /// <summary>The attribute a figure's label names by its English label ("Staff", "Member states"), else one of the figures.</summary>
    private string AttributeNamed(List<Word> label)
    {
        var stems = label.Select(w => Stemmer.English(w.Folded)).ToList();
        foreach (var attribute in _attributes.Values)
        {
            var labelStems = TextFolding.Tokens(attribute.LabelIn("en")).Select(Stemmer.English).ToList();
            if (labelStems.Count > 0 && stems.Take(labelStems.Count).SequenceEqual(labelStems) && !NotFigures.Contains(attribute.Id))
                return attribute.Id;
        }
        return "figures";
    }

    /// <summary>
    /// Offices a sentence places in cities: "9 regional offices (Bangkok, Brussels, ..., and
    /// Vienna)" lists one office per city; "IOM Regional Office in San Jose, Costa Rica" names
    /// one. Each is known by its city ("Vienna office", "oficina de Viena" only where the
    /// document writes it so); one already found there (the document's own office) is not made
    /// again.
    /// </summary>
    private static void FindOfficesInCities(Sentence sentence, Found found)
    {
        var words = sentence.Words;
        var text = sentence.Text;
        for (var i = 0; i < words.Count; i++)
        {
            if (!words[i].Capitalized && PluralOfficeHeads.TryGetValue(words[i].Folded, out var singular) &&
                text.AsSpan(words[i].End).TrimStart().StartsWith("(") && text.IndexOf(')', words[i].End) is > 0 and var close)
            {
                var first = i;
                while (first > 0 && i - first < MaxLabelWords && !words[first - 1].Capitalized && !words[first - 1].IsNumber &&
                       !StopWords.English.Contains(words[first - 1].Folded) && !NumberWords.ContainsKey(words[first - 1].Folded))
                    first--;
                var kind = string.Join(' ', words.GetRange(first, i - first).Select(w => w.Folded).Append(singular));
                var cities = CitiesListed(words, i + 1, close, text);
                if (cities.Count < 2)
                    continue;
                var quote = text[words[first].Start..(close + 1)];
                foreach (var city in cities)
                    AddOfficeIn(found, kind, city, city, quote, Bounded(text));
                i = words.FindIndex(i, w => w.Start > close) is >= 0 and var next ? next - 1 : words.Count;
            }
            else if (words[i].Capitalized && OfficeHeads.Contains(words[i].Folded) && i + 2 < words.Count && words[i + 1].Folded == "in" &&
                     words[i + 2].Capitalized && !words[i + 2].Acronym)
            {
                var first = i;
                while (first > 0 && i - first < MaxLabelWords && words[first - 1].Capitalized && !words[first - 1].Acronym &&
                       text.AsSpan(words[first - 1].End, words[first].Start - words[first - 1].End).Trim().Length == 0)
                    first--;
                var city = CapitalizedRun(words, i + 2, text, allowComma: false);
                var place = CapitalizedRun(words, i + 2, text, allowComma: true);
                var kind = string.Join(' ', words.GetRange(first, i - first + 1).Select(w => w.Folded));
                AddOfficeIn(found, kind, Phrase(text, city), Phrase(text, place), Phrase(text, words.GetRange(first, i + 2 + place.Count - first)), Bounded(text));
                i += 1 + place.Count;
            }
        }
    }

    private static readonly Dictionary<string, string> PluralOfficeHeads = new() { ["offices"] = "office", ["missions"] = "mission", ["centres"] = "centre", ["centers"] = "center" };

    /// <summary>The capitalized runs between <paramref name="from"/> and the closing parenthesis, apart at commas and "and".</summary>
    private static List<string> CitiesListed(List<Word> words, int from, int close, string text)
    {
        var cities = new List<string>();
        for (var k = from; k < words.Count && words[k].Start < close; k++)
        {
            if (words[k].Folded == "and")
                continue;
            if (!words[k].Capitalized || words[k].IsNumber)
                return [];
            // A city's words stand side by side: "and" or a comma ends it.
            var end = k;
            while (end + 1 < words.Count && words[end + 1].Start < close && words[end + 1].Capitalized &&
                   text.AsSpan(words[end].End, words[end + 1].Start - words[end].End).Trim().Length == 0)
                end++;
            cities.Add(Phrase(text, words.GetRange(k, end - k + 1)));
            k = end;
        }
        return cities;
    }

    /// <summary>"Regional Office in Vienna": an office of a kind in a city, with its place quoted.</summary>
    private static void AddOfficeIn(Found found, string kind, string city, string place, string quote, string summary)
    {
        var title = string.Join(' ', kind.Split(' ').Select(w => char.ToUpperInvariant(w[0]) + w[1..])) + " in " + city;
        if (found.Named(title) is { } known)
        {
            if (known.Kind == "office")
                AddFact(known, "location", place, quote);
            return;
        }
        if (found.Add("office", title, summary) is not { } office)
            return;
        AddFact(office, "location", place, quote);
        found.Alias(office, $"{city} {kind}");
        AddCityAliases(office, city, found, byKindAlone: false);
    }

    /// <summary>"IOM is the leading inter-governmental organization": the name, then "is" or "was" and an article.</summary>
    private static bool Defines(List<Word> words, Mentioned mention) =>
        mention.End + 1 < words.Count && words[mention.End].Folded is "is" or "was" && words[mention.End + 1].Folded is "a" or "an" or "the";

    private static void AddFact(EntityDefinition entity, string attribute, string value, string quote)
    {
        if (entity.Facts.Count >= MaxFactsPerEntity || value.Length == 0)
            return;
        if (entity.Facts.Any(f => f.Attribute == attribute && f.Value == value))
            return;
        entity.Facts.Add(new FactDefinition { Attribute = attribute, Value = value, Quote = quote, Document = entity.Document });
    }

    /// <summary>
    /// "Buenos Aires office", "oficina de Buenos Aires": the names an office goes by in its city.
    /// A regional office is also the office in its city; alone, only its most precise kind
    /// ("the regional office") names it, never a bare "office".
    /// </summary>
    /// <param name="byKindAlone">The document's own office: "the regional office" alone means it.</param>
    private static void AddCityAliases(EntityDefinition office, string city, Found found, bool byKindAlone)
    {
        var name = TextFolding.Fold(office.Title);
        var precise = byKindAlone;
        foreach (var (english, others) in OfficeWords)
        {
            if (!name.Contains(english, StringComparison.Ordinal))
                continue;
            if (precise)
                found.Alias(office, english);
            found.Alias(office, $"{city} {english}");
            found.Alias(office, $"{english} in {city}");
            foreach (var other in others)
            {
                if (precise)
                    found.Alias(office, other);
                found.Alias(office, $"{other} de {city}");
                found.Alias(office, $"{other} en {city}");
            }
            if (precise)
                foreach (var acronym in office.Aliases.Where(a => Word.Split(a) is [{ Acronym: true }]).ToList())
                    found.Alias(office, $"{city} {acronym}");
            precise = false;
        }
    }

    /// <summary>
    /// "on 19 September 2016", "in June 2016", "on July 2011", "in 1951": a date shortly after a
    /// verb ("joined the UN on ..."), and the index of its last word.
    /// </summary>
    private static (string Date, int End)? DateAfter(List<Word> words, int at)
    {
        for (var i = at; i < words.Count && i - at <= MaxWordsToDate; i++)
        {
            if (words[i].Folded is not ("on" or "in" or "since") && i != at)
                continue;
            var start = words[i].Folded is "on" or "in" or "since" ? i + 1 : i;
            var k = start;
            if (k < words.Count && words[k].IsNumber && words[k].Text.Length <= 2)
                k++;
            if (k < words.Count && Months.Contains(words[k].Folded))
                k++;
            if (k < words.Count && IsYear(words[k]))
                return (string.Join(' ', words.GetRange(start, k - start + 1).Select(w => w.Text)), k);
        }
        return null;
    }

    /// <summary>"On 19 September 2016, ..." before the verb at <paramref name="verb"/>: the date and the index of its "on".</summary>
    private static (string Date, int From)? OpeningDate(List<Word> words, int verb, string text)
    {
        for (var k = 0; k < verb; k++)
            if (words[k].Folded is "on" or "in" && DateAfter(words, k) is var (date, end) && end < verb &&
                text.AsSpan(words[end].End).TrimStart().StartsWith(","))
                return (date, k);
        return null;
    }

    /// <summary>"established R4V in Panama City, Panama": a place a few words after a verb.</summary>
    private static List<Word>? PlaceAfter(List<Word> words, int at, string text)
    {
        for (var i = at; i + 1 < words.Count && i - at <= MaxWordsToDate; i++)
            if (words[i].Folded == "in" && words[i + 1].Capitalized && !Months.Contains(words[i + 1].Folded) && !words[i + 1].IsNumber)
                return CapitalizedRun(words, i + 1, text, allowComma: true);
        return null;
    }

    private static bool IsYear(Word word) =>
        word.Text.Length == 4 && int.TryParse(word.Text, out var year) && year is >= 1800 and <= 2100;

    /// <summary>"Director General William Lacy Swing": the role's capitalized words, then two to four more that are no known name.</summary>
    private static string? PersonAfter(List<Word> words, int at, string text, Found found)
    {
        var end = at;
        while (end + 1 < words.Count && words[end + 1].Capitalized && Roles.Contains(words[end + 1].Folded) || end + 1 < words.Count && words[end + 1].Folded == "general" && words[end + 1].Capitalized)
            end++;
        var nameStart = end + 1;
        var nameEnd = nameStart;
        while (nameEnd < words.Count && nameEnd - nameStart < 4 && words[nameEnd].Capitalized && !words[nameEnd].Acronym && found.Named(words[nameEnd].Text) is null)
            nameEnd++;
        if (nameEnd - nameStart < 2)
            return null;
        return Phrase(text, words.GetRange(at, nameEnd - at));
    }

    private static List<Word> CapitalizedRun(List<Word> words, int start, string text, bool allowComma)
    {
        var end = start;
        while (end + 1 < words.Count && end - start < MaxNameWords)
        {
            var gap = text.AsSpan(words[end].End, words[end + 1].Start - words[end].End).Trim();
            var joins = gap.Length == 0 || allowComma && gap is "," && end == start + CountUntilComma(words, start, text);
            if (!joins)
                break;
            if (words[end + 1].Capitalized)
            {
                end++;
                continue;
            }
            // "Committee for European Migration", "Committee for the Movement of Migrants": one or
            // two small words inside a name, when a capitalized word follows them.
            var small = 0;
            while (small < 2 && end + 1 + small < words.Count && Connectors.Contains(words[end + 1 + small].Folded) &&
                   text.AsSpan(words[end + small].End, words[end + 1 + small].Start - words[end + small].End).Trim().Length == 0)
                small++;
            if (gap.Length > 0 || small == 0 || end + 1 + small >= words.Count || !words[end + 1 + small].Capitalized ||
                text.AsSpan(words[end + small].End, words[end + 1 + small].Start - words[end + small].End).Trim().Length > 0)
                break;
            end += small + 1;
        }
        return words.GetRange(start, end - start + 1);
    }

    private static int CountUntilComma(List<Word> words, int start, string text)
    {
        var k = start;
        while (k + 1 < words.Count && text.AsSpan(words[k].End, words[k + 1].Start - words[k].End).Trim().Length == 0)
            k++;
        return k - start;
    }

    private static string Phrase(string text, List<Word> words) => text[words[0].Start..words[^1].End];

    /// <summary>What a name is, by its head word: "... Office in San José" an office, "... Organization for Migration" an organization.</summary>
    private static string KindOf(IReadOnlyList<Word> name)
    {
        var headAt = name.Count - 1;
        for (var k = 1; k < name.Count; k++)
        {
            if (NameBreakers.Contains(name[k].Folded))
            {
                headAt = k - 1;
                break;
            }
        }
        var head = name[headAt].Folded;
        var ofSomething = headAt + 1 < name.Count && name[headAt + 1].Folded == "of";
        if (OrganizationHeads.Contains(head) || (OfficeHeads.Contains(head) && ofSomething))
            return "organization";
        if (OfficeHeads.Contains(head))
            return "office";
        if (RegionHeads.Contains(head))
            return "region";
        return "topic";
    }
}
