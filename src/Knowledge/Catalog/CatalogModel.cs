using YamlDotNet.Serialization;

namespace IomAssistant.Knowledge.Catalog;

// The shapes of catalog.yaml and glossary.yaml, as YamlDotNet reads them.

public sealed class CatalogFile
{
    public List<AttributeDefinition> Attributes { get; set; } = [];
    public List<EntityDefinition> Entities { get; set; } = [];
}

/// <summary>Something users ask about an entity ("staff"), with the words that signal it.</summary>
public sealed class AttributeDefinition
{
    public string Id { get; set; } = "";
    public Dictionary<string, string> Label { get; set; } = [];
    public List<string> Keywords { get; set; } = [];

    public string LabelIn(string language) =>
        Label.TryGetValue(language, out var l) ? l : Label.TryGetValue("en", out var en) ? en : Id;
}

public sealed class EntityDefinition
{
    public string Id { get; set; } = "";
    public string Kind { get; set; } = "";
    /// <summary>
    /// What a question means when it names no entity: the office the documents are about,
    /// and the region they describe.
    /// </summary>
    public bool Home { get; set; }
    public Dictionary<string, string> Names { get; set; } = [];
    public List<string> Aliases { get; set; } = [];
    public string Document { get; set; } = "";
    public string Summary { get; set; } = "";
    public List<FactDefinition> Facts { get; set; } = [];

    /// <summary>Found in a document by extraction, not written into a catalog: its card gives way to a passage that explains more.</summary>
    [YamlIgnore]
    public bool Extracted { get; set; }

    public string Title => Names.TryGetValue("en", out var en) ? en : Id;
}

/// <summary>One fact and the verbatim quote of its document that proves it.</summary>
public sealed class FactDefinition
{
    public string Attribute { get; set; } = "";
    public string Value { get; set; } = "";
    public string Quote { get; set; } = "";

    /// <summary>
    /// The document the quote comes from when it is not the entity's own: a fact found in another
    /// document and merged into this entity. Empty for the catalog's facts.
    /// </summary>
    [YamlIgnore]
    public string Document { get; set; } = "";

    /// <summary>The document that proves this fact of <paramref name="entity"/>.</summary>
    public string SourceIn(EntityDefinition entity) => Document.Length > 0 ? Document : entity.Document;
}

public sealed class GlossaryFile
{
    /// <summary>Document word → the words users write for it (Spanish, Portuguese, variants).</summary>
    public Dictionary<string, List<string>> Terms { get; set; } = [];
    /// <summary>Words that carry no content in a question ("tell", "sobre", "fale").</summary>
    public List<string> Fillers { get; set; } = [];
}
