using IomAssistant.Knowledge.Catalog;
using IomAssistant.Knowledge.Text;

namespace IomAssistant.Knowledge.Answers;

/// <summary>Where a question names an entity: the token positions it covers.</summary>
public sealed record Mention(string EntityId, int Start, int Length);

/// <summary>
/// Finds the catalog's entities in a question by their names and aliases in English, Spanish
/// and Portuguese. Matching works on the corrected words and their stems, so "guyanna",
/// "Brasil" and "offices" find Guyana, Brazil and office.
/// </summary>
public sealed class EntityLinker
{
    private sealed record Alias(string EntityId, string[] Words, string[] Stems)
    {
        /// <summary>Part of other entities' names too ("regional office"): a plural of it names the class.</summary>
        public bool Shared { get; set; }
    }

    private readonly Dictionary<string, List<Alias>> _byFirstStem = new(StringComparer.Ordinal);

    // Each thread's lists of candidate aliases, reused from one question to the next; the set
    // compares by reference, as an alias is one object and hashing a record's fields costs more.
    [ThreadStatic] private static List<Alias>? _candidates;
    [ThreadStatic] private static HashSet<Alias>? _seen;

    /// <summary>
    /// Names of several words by the stem of theirs that the fewest names share, for names a
    /// question says in another word order: a question word finds the few names it is the
    /// rarest word of, not every name holding "office" or "region".
    /// </summary>
    private readonly Dictionary<string, List<Alias>> _byRarestStem = new(StringComparer.Ordinal);

    public EntityLinker(IEnumerable<EntityDefinition> entities)
    {
        foreach (var entity in entities)
        {
            foreach (var name in entity.Names.Values.Concat(entity.Aliases).Distinct())
            {
                var tokens = TextFolding.Tokens(name);
                var content = tokens.Where(t => !StopWords.IsStopWord(t)).ToList();
                // An alias made only of function words ("OR") would match everywhere: skip it.
                if (content.Count == 0)
                    continue;
                var stems = content.Select(Stemmer.English).ToArray();
                if (!_byFirstStem.TryGetValue(stems[0], out var list))
                    _byFirstStem[stems[0]] = list = [];
                if (list.Any(a => a.EntityId == entity.Id && a.Stems.SequenceEqual(stems)))
                    continue;
                list.Add(new Alias(entity.Id, [.. content], stems));
            }
        }
        var all = _byFirstStem.Values.SelectMany(a => a).ToList();
        // Every run of words in every alias, with up to two of the entities whose aliases hold
        // it: an alias is shared when an entity other than its own holds it. Found in one pass
        // over the aliases' runs, not by comparing each alias with every other.
        var holders = new Dictionary<string, (string First, string? Second)>(StringComparer.Ordinal);
        foreach (var alias in all)
            for (var start = 0; start < alias.Stems.Length; start++)
                for (var end = start + 1; end <= alias.Stems.Length; end++)
                {
                    var run = RunKey(alias.Stems.AsSpan(start, end - start));
                    if (!holders.TryGetValue(run, out var held))
                        holders[run] = (alias.EntityId, null);
                    else if (held.Second is null && held.First != alias.EntityId)
                        holders[run] = (held.First, alias.EntityId);
                }
        foreach (var alias in all)
        {
            var (first, second) = holders[RunKey(alias.Stems)];
            alias.Shared = first != alias.EntityId || second is not null;
        }
        // A shared name ("regional office") is matched only in its own order.
        var ownNames = all.Where(a => a.Stems.Length >= 2 && !a.Shared).ToList();
        var namesWith = ownNames.SelectMany(a => a.Stems.Distinct())
            .GroupBy(stem => stem, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        foreach (var alias in ownNames)
        {
            var rarest = alias.Stems.MinBy(stem => namesWith[stem])!;
            if (!_byRarestStem.TryGetValue(rarest, out var list))
                _byRarestStem[rarest] = list = [];
            list.Add(alias);
        }
    }

    private static string RunKey(ReadOnlySpan<string> stems) => string.Join('\u0001', stems);

    private static bool SameWord(QuestionToken token, string aliasWord)
    {
        if (token.Word == aliasWord || IsPluralOf(token.Word, aliasWord) || IsPluralOf(aliasWord, token.Word))
            return true;
        foreach (var translation in AsHashSet(token.Translations))
            if (translation == aliasWord || IsPluralOf(translation, aliasWord))
                return true;
        return false;
    }

    private static bool IsPluralOf(string word, string aliasWord) =>
        word.Length > 3 && word != aliasWord && word[^1] == 's' && word[^2] != 's' && aliasWord[^1] != 's' &&
        (word[..^1] == aliasWord || word[..^2] == aliasWord || (word.EndsWith("ies") && word[..^3] + "y" == aliasWord) || Stemmer.English(word) == Stemmer.English(aliasWord));

    /// <summary>Does each stem of a name match its own word among the words from <paramref name="start"/> on, as many as the name has?</summary>
    private static bool InAnyOrder(string[] name, WordStems[] words, int start)
    {
        // The name's stems already matched, one bit each: names are a few words long.
        if (name.Length > 64)
            return false;
        var used = 0UL;
        for (var k = start; k < start + name.Length; k++)
        {
            var match = -1;
            for (var j = 0; j < name.Length && match < 0; j++)
                if ((used & (1UL << j)) == 0 && words[k].Contains(name[j]))
                    match = j;
            if (match < 0)
                return false;
            used |= 1UL << match;
        }
        return true;
    }

    /// <summary>
    /// A question word's stems and the stem of the word as written (a translated word's stems
    /// are its translations'), looked up together without copying them into one set.
    /// </summary>
    private readonly record struct WordStems(IReadOnlySet<string> Stems, string Own)
    {
        public bool Contains(string stem) => Own == stem || Stems.Contains(stem);
    }

    /// <summary>
    /// The longest non-overlapping mentions; one span may name several entities when an
    /// alias is shared.
    /// </summary>
    public IReadOnlyList<Mention> Link(Question question)
    {
        // Positions of the words that can be part of a name (not function words or fillers).
        var positions = new List<int>();
        for (var i = 0; i < question.Tokens.Count; i++)
            if (question.Tokens[i].Counts)
                positions.Add(i);
        var words = new string[positions.Count];
        var stems = new WordStems[positions.Count];
        for (var i = 0; i < positions.Count; i++)
        {
            var token = question.Tokens[positions[i]];
            words[i] = token.Word;
            stems[i] = new WordStems(token.Stems, Stemmer.English(token.Word));
        }

        var found = new List<(Alias Alias, int Start, int Length)>();
        var candidates = _candidates ??= [];
        var seen = _seen ??= new HashSet<Alias>(ReferenceEqualityComparer.Instance);
        for (var i = 0; i < stems.Length; i++)
        {
            foreach (var alias in AliasesOf(stems[i], _byFirstStem, candidates, seen))
            {
                if (i + alias.Stems.Length > stems.Length)
                    continue;
                var matches = true;
                for (var k = 1; k < alias.Stems.Length && matches; k++)
                    matches = stems[i + k].Contains(alias.Stems[k]);
                // "regional offices" speaks of the class, not of "the regional office".
                for (var k = 0; k < alias.Stems.Length && matches && alias.Shared; k++)
                    matches = !IsPluralOf(words[i + k], alias.Words[k]);
                // A one-word name must be the word itself, its plural or its translation: a
                // shared stem alone would make "regional" name "the region".
                if (matches && alias.Stems.Length == 1)
                    matches = SameWord(question.Tokens[positions[i]], alias.Words[0]);
                if (matches)
                    found.Add((alias, i, alias.Stems.Length));
            }
            // "Acuerdo de Residencia del MERCOSUR" for "MERCOSUR Residence Agreement": in Spanish
            // and Portuguese, every word of a name of several, translated, in their own order,
            // found from its rarest word, wherever that stands among them.
            if (question.Language != "en")
                foreach (var alias in AliasesOf(stems[i], _byRarestStem, candidates, seen))
                    for (var start = Math.Max(0, i - alias.Stems.Length + 1); start <= i && start + alias.Stems.Length <= stems.Length; start++)
                        if (InAnyOrder(alias.Stems, stems, start))
                            found.Add((alias, start, alias.Stems.Length));
        }

        var taken = new bool[stems.Length];
        var mentions = new List<Mention>();
        foreach (var group in found.GroupBy(f => (f.Start, f.Length)).OrderByDescending(g => g.Key.Length).ThenBy(g => g.Key.Start))
        {
            var (start, length) = group.Key;
            if (Enumerable.Range(start, length).Any(k => taken[k]))
                continue;
            for (var k = start; k < start + length; k++) taken[k] = true;
            // Mentions are reported in question-token positions, spanning skipped function words.
            var first = positions[start];
            var last = positions[start + length - 1];
            foreach (var entityId in group.Select(f => f.Alias.EntityId).Distinct())
                mentions.Add(new Mention(entityId, first, last - first + 1));
        }
        return mentions;
    }

    /// <summary>The aliases listed under any of a word's stems, each once, in the order first listed, into a list reused per question.</summary>
    private static List<Alias> AliasesOf(WordStems stems, Dictionary<string, List<Alias>> byStem, List<Alias> candidates, HashSet<Alias> seen)
    {
        candidates.Clear();
        seen.Clear();
        foreach (var stem in AsHashSet(stems.Stems))
            Add(stem);
        if (!stems.Stems.Contains(stems.Own))
            Add(stems.Own);
        return candidates;

        void Add(string stem)
        {
            if (byStem.TryGetValue(stem, out var aliases))
                foreach (var alias in aliases)
                    if (seen.Add(alias))
                        candidates.Add(alias);
        }
    }

    // A question's sets are hash sets: walked as one, their enumerator is not boxed.
    private static HashSet<string> AsHashSet(IReadOnlySet<string> set) => set as HashSet<string> ?? new HashSet<string>(set, StringComparer.Ordinal);
}
