using IomAssistant.Knowledge.Audiences;
using IomAssistant.Knowledge.Catalog;
using IomAssistant.Knowledge.Text;

namespace IomAssistant.Knowledge.Extraction;

/// <summary>
/// Puts what extraction found together with the curated catalog: entities that share a name,
/// alias, acronym or translation are one entity. A curated entity keeps its kind, names and
/// facts (for an attribute it gives, its fact wins); extracted facts add what it lacks, each
/// citing its own document. Entities no one curated become entities of their own, as the
/// catalog's are. Nothing given is changed: the result is made of copies.
/// </summary>
public static class ExtractionMerge
{
    /// <summary>Facts extraction may add to one entity, beside those curated.</summary>
    private const int MaxAddedFactsPerEntity = 16;

    /// <param name="audiencesOf">The audiences of a document: a fact joins an entity only when everyone who sees the entity may read it.</param>
    /// <param name="cards">
    /// Filled, when given, with the id of the entity each extracted one became part of, in the
    /// order <paramref name="extracted"/> gives them.
    /// </param>
    public static List<EntityDefinition> Merge(IReadOnlyList<EntityDefinition> curated, IEnumerable<DocumentEntities> extracted, Func<string, IReadOnlySet<string>> audiencesOf,
        IList<string>? cards = null)
    {
        var entities = curated.Select(Copy).ToList();
        var curatedIds = entities.Select(e => e.Id).ToHashSet();
        var byName = new Dictionary<string, EntityDefinition>(StringComparer.Ordinal);
        var ids = new HashSet<string>(curatedIds);
        var given = new Dictionary<string, GivenFacts>(StringComparer.Ordinal);
        var keys = new NameKeys();
        foreach (var entity in entities)
            keys.AddAll(byName, entity);

        foreach (var found in extracted.SelectMany(d => d.Entities))
        {
            var target = keys.FirstHolder(byName, found);
            if (target is null)
            {
                var entity = Copy(found);
                var id = entity.Id;
                for (var n = 2; !ids.Add(entity.Id); n++)
                    entity.Id = $"{id}-{n}";
                entities.Add(entity);
                keys.AddAll(byName, entity);
                cards?.Add(entity.Id);
                continue;
            }
            cards?.Add(target.Id);
            var isCurated = curatedIds.Contains(target.Id);
            if (target.Summary.Length == 0 && found.Document == target.Document)
                target.Summary = found.Summary;
            foreach (var (language, name) in found.Names)
                if (target.Names.TryAdd(language, name))
                    byName.TryAdd(keys.Of(name), target);
            foreach (var alias in found.Names.Values.Concat(found.Aliases))
                if (keys.Of(alias) is { Length: > 0 } key && byName.TryAdd(key, target))
                    target.Aliases.Add(alias);
            if (found.Facts.Count == 0)
                continue;
            if (!given.TryGetValue(target.Id, out var facts))
                given[target.Id] = facts = new GivenFacts(target);
            foreach (var fact in found.Facts)
            {
                if (facts.Added >= MaxAddedFactsPerEntity)
                    break;
                if (isCurated && facts.Curated.Contains(fact.Attribute) || facts.Values.Contains((fact.Attribute, fact.Value)) || !Readable(fact.SourceIn(found), target.Document, audiencesOf))
                    continue;
                target.Facts.Add(Copy(fact));
                facts.Count(fact);
            }
        }
        return entities;
    }

    /// <summary>
    /// What an entity's facts already say, kept beside it while facts are added: a country or
    /// an organization named in thousands of documents is offered the same facts again and again.
    /// </summary>
    private sealed class GivenFacts
    {
        public GivenFacts(EntityDefinition entity)
        {
            foreach (var fact in entity.Facts)
                Count(fact);
        }

        /// <summary>Facts citing a document of their own: those extraction added.</summary>
        public int Added { get; private set; }

        /// <summary>Attributes with a fact of the catalog's, which wins.</summary>
        public HashSet<string> Curated { get; } = new(StringComparer.Ordinal);

        public HashSet<(string Attribute, string Value)> Values { get; } = [];

        public void Count(FactDefinition fact)
        {
            if (fact.Document.Length > 0)
                Added++;
            else
                Curated.Add(fact.Attribute);
            Values.Add((fact.Attribute, fact.Value));
        }
    }

    /// <summary>A fact of another document may show on an entity's card when whoever sees the entity may read that document.</summary>
    private static bool Readable(string factDocument, string entityDocument, Func<string, IReadOnlySet<string>> audiencesOf)
    {
        if (factDocument == entityDocument)
            return true;
        var fact = audiencesOf(factDocument);
        return fact.Contains(Audience.Everyone) || fact.SetEquals(audiencesOf(entityDocument));
    }

    /// <summary>
    /// Names as they are matched: folded words. Each name is folded once per merge, as the same
    /// names (a country, the organization) come back from thousands of documents.
    /// </summary>
    private sealed class NameKeys
    {
        private readonly Dictionary<string, string> _byName = new(StringComparer.Ordinal);

        public string Of(string name)
        {
            ref var key = ref System.Runtime.InteropServices.CollectionsMarshal.GetValueRefOrAddDefault(_byName, name, out var known);
            if (!known)
                key = string.Join(' ', TextFolding.Tokens(name));
            return key!;
        }

        /// <summary>
        /// The entity that already holds one of <paramref name="entity"/>'s names (names first,
        /// then aliases, in order); null if none. Walked name by name, without a set of keys per
        /// entity: a merge of 100,000 documents looks up two hundred thousand entities found in them.
        /// </summary>
        public EntityDefinition? FirstHolder(Dictionary<string, EntityDefinition> byName, EntityDefinition entity)
        {
            foreach (var name in entity.Names.Values)
                if (Of(name) is { Length: > 0 } key && byName.TryGetValue(key, out var holder))
                    return holder;
            foreach (var alias in entity.Aliases)
                if (Of(alias) is { Length: > 0 } key && byName.TryGetValue(key, out var holder))
                    return holder;
            return null;
        }

        /// <summary>Each name and alias of <paramref name="entity"/> not held yet is held by it.</summary>
        public void AddAll(Dictionary<string, EntityDefinition> byName, EntityDefinition entity)
        {
            foreach (var name in entity.Names.Values)
                if (Of(name) is { Length: > 0 } key)
                    byName.TryAdd(key, entity);
            foreach (var alias in entity.Aliases)
                if (Of(alias) is { Length: > 0 } key)
                    byName.TryAdd(key, entity);
        }
    }

    private static EntityDefinition Copy(EntityDefinition e) => new()
    {
        Id = e.Id,
        Kind = e.Kind,
        Home = e.Home,
        Extracted = e.Extracted,
        Names = new Dictionary<string, string>(e.Names),
        Aliases = [.. e.Aliases],
        Document = e.Document,
        Summary = e.Summary,
        Facts = e.Facts.Select(Copy).ToList(),
    };

    private static FactDefinition Copy(FactDefinition f) => new() { Attribute = f.Attribute, Value = f.Value, Quote = f.Quote, Document = f.Document };
}
