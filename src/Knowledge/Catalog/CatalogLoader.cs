using YamlDotNet.Core;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace IomAssistant.Knowledge.Catalog;

/// <summary>Reads catalog and glossary YAML; any malformed file fails with its name and line.</summary>
public static class CatalogLoader
{
    private static readonly IDeserializer Yaml = new DeserializerBuilder()
        .WithNamingConvention(UnderscoredNamingConvention.Instance)
        .Build();

    public static CatalogFile ReadCatalog(string path, string name) => Read<CatalogFile>(path, name, Validate);

    public static GlossaryFile ReadGlossary(string path, string name) => Read<GlossaryFile>(path, name, (_, _) => { });

    private static T Read<T>(string path, string name, Action<T, string> validate) where T : new()
    {
        T file;
        try
        {
            using var reader = File.OpenText(path);
            file = Yaml.Deserialize<T>(reader) ?? new T();
        }
        catch (YamlException e)
        {
            var inner = e.InnerException is { } i and not YamlException ? $" ({i.Message})" : "";
            throw new KnowledgeException($"{name}, line {e.Start.Line}: {FirstLine(e.Message)}{inner}", e);
        }
        catch (IOException e)
        {
            throw new KnowledgeException($"{name}: cannot read the file ({e.Message})", e);
        }
        validate(file, name);
        return file;
    }

    private static void Validate(CatalogFile catalog, string name)
    {
        var errors = new List<string>();
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
