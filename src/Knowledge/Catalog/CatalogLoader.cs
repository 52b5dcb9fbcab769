using IomAssistant.Knowledge.Audiences;
using YamlDotNet.Core;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace IomAssistant.Knowledge.Catalog;

/// <summary>Reads catalog, glossary, assistant and audiences YAML; any malformed file fails with its name and line.</summary>
public static class CatalogLoader
{
    private static readonly IDeserializer Yaml = new DeserializerBuilder()
        .WithNamingConvention(UnderscoredNamingConvention.Instance)
        .Build();

    public static CatalogFile ReadCatalog(string path, string name) => Read<CatalogFile>(path, name, Validate);

    public static GlossaryFile ReadGlossary(string path, string name) => Read<GlossaryFile>(path, name, ValidateGlossary);

    public static AssistantText ReadAssistantText(string path, string name) => Read<AssistantText>(path, name, ValidateAssistantText);

    public static AudiencesFile ReadAudiences(string path, string name) => Read<AudiencesFile>(path, name, AudienceRules.Validate);

    private static void ValidateAssistantText(AssistantText text, string name)
    {
        var empty = text.Examples.Where(e => e.Value is null || e.Value.Any(string.IsNullOrWhiteSpace)).Select(e => e.Key).ToList();
        if (empty.Count > 0 || text.Title is null || text.Welcome is null || text.Help is null || text.Examples is null)
            throw new KnowledgeException($"{name}: a section or an example question is empty ({string.Join(", ", empty)}); give it text or remove it");
    }

    /// <summary>A catalog read from text (the attributes extraction ships), checked as a catalog file is.</summary>
    public static CatalogFile ParseCatalog(TextReader reader, string name)
    {
        var file = Parse<CatalogFile>(reader, name);
        Validate(file, name);
        return file;
    }

    private static T Read<T>(string path, string name, Action<T, string> validate) where T : new()
    {
        T file;
        try
        {
            using var reader = File.OpenText(path);
            file = Parse<T>(reader, name);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new KnowledgeException($"{name}: cannot read the file ({e.Message})", e);
        }
        validate(file, name);
        return file;
    }

    private static T Parse<T>(TextReader reader, string name) where T : new()
    {
        try
        {
            return Yaml.Deserialize<T>(reader) ?? new T();
        }
        catch (YamlException e)
        {
            var inner = e.InnerException is { } i and not YamlException ? $" ({i.Message})" : "";
            throw new KnowledgeException($"{name}, line {e.Start.Line}: {FirstLine(e.Message)}{inner}", e);
        }
    }

    /// <summary>
    /// A key written with nothing after it ("attributes:", "facts:", "- ") reads as null: such a
    /// file is rejected naming the section, never left to fail deep inside the engine.
    /// </summary>
    private static List<string> EmptySections(CatalogFile catalog, string name)
    {
        var errors = new List<string>();
        void Empty(string where) => errors.Add($"{name}: {where} is empty; give it entries or remove it");
        if (catalog.Attributes is null) Empty("section 'attributes'");
        if (catalog.Entities is null) Empty("section 'entities'");
        foreach (var (a, i) in (catalog.Attributes ?? []).Select((a, i) => (a, i)))
        {
            if (a is null) { Empty($"attribute #{i + 1}"); continue; }
            if (a.Label is null) Empty($"attribute '{a.Id}', 'label'");
            if (a.Keywords is null || a.Keywords.Any(k => k is null)) Empty($"attribute '{a.Id}', 'keywords' (or one of its entries)");
        }
        foreach (var (e, i) in (catalog.Entities ?? []).Select((e, i) => (e, i)))
        {
            if (e is null) { Empty($"entity #{i + 1}"); continue; }
            if (e.Names is null || e.Names.Values.Any(n => n is null)) Empty($"entity '{e.Id}', 'names' (or one of its entries)");
            if (e.Aliases is null || e.Aliases.Any(a => a is null)) Empty($"entity '{e.Id}', 'aliases' (or one of its entries)");
            if (e.Facts is null || e.Facts.Any(f => f is null)) Empty($"entity '{e.Id}', 'facts' (or one of its entries)");
        }
        return errors;
    }

    private static void ValidateGlossary(GlossaryFile glossary, string name)
    {
        var errors = new List<string>();
        if (glossary.Terms is null || glossary.Terms.Values.Any(v => v is null || v.Any(w => w is null)))
            errors.Add($"{name}: section 'terms' (or one of its terms) is empty; give it entries or remove it");
        if (glossary.Fillers is null || glossary.Fillers.Any(f => f is null))
            errors.Add($"{name}: section 'fillers' (or one of its entries) is empty; give it entries or remove it");
        if (errors.Count > 0)
            throw new KnowledgeException(string.Join(Environment.NewLine, errors));
    }

    private static void Validate(CatalogFile catalog, string name)
    {
        var errors = EmptySections(catalog, name);
        if (errors.Count > 0)
            throw new KnowledgeException(string.Join(Environment.NewLine, errors));
        var attributes = new HashSet<string>();
        foreach (var a in catalog.Attributes)
        {
            if (string.IsNullOrWhiteSpace(a.Id)) errors.Add($"{name}: an attribute has no id");
            else if (!attributes.Add(a.Id)) errors.Add($"{name}: attribute '{a.Id}' is defined twice");
        }
        var ids = new HashSet<string>();
        foreach (var e in catalog.Entities)
        {
            if (string.IsNullOrWhiteSpace(e.Id)) { errors.Add($"{name}: an entity has no id"); continue; }
            if (!ids.Add(e.Id)) errors.Add($"{name}: entity '{e.Id}' is defined twice");
            if (string.IsNullOrWhiteSpace(e.Kind)) errors.Add($"{name}: entity '{e.Id}' has no kind");
            if (!e.Names.ContainsKey("en")) errors.Add($"{name}: entity '{e.Id}' has no English name (names.en)");
            if (string.IsNullOrWhiteSpace(e.Document)) errors.Add($"{name}: entity '{e.Id}' names no document");
            foreach (var f in e.Facts)
            {
                if (!attributes.Contains(f.Attribute)) errors.Add($"{name}: entity '{e.Id}', fact '{f.Attribute}': unknown attribute");
                if (string.IsNullOrWhiteSpace(f.Value)) errors.Add($"{name}: entity '{e.Id}', fact '{f.Attribute}' has no value");
                if (string.IsNullOrWhiteSpace(f.Quote)) errors.Add($"{name}: entity '{e.Id}', fact '{f.Attribute}' has no quote");
            }
        }
        if (errors.Count > 0)
            throw new KnowledgeException(string.Join(Environment.NewLine, errors));
    }

    private static string FirstLine(string message) => message.Split('\n')[0].Trim();
}
