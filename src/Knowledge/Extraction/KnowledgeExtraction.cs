using System.Reflection;
using IomAssistant.Knowledge.Catalog;
using IomAssistant.Knowledge.Ingestion;
using IomAssistant.Knowledge.Text;

namespace IomAssistant.Knowledge.Extraction;

/// <summary>
/// Runs extraction over documents and keeps only what each document really says: a summary or
/// fact whose quote is not found in its document's cleaned text, checked as the catalog's quotes
/// are, is dropped, so it is never shown.
/// </summary>
public static class KnowledgeExtraction
{
    /// <summary>The attributes extraction may give facts, for a knowledge whose catalog does not define them.</summary>
    public static IReadOnlyList<AttributeDefinition> Attributes { get; } = ReadAttributes();

    /// <summary>The catalog's attributes with those of extraction the catalog does not define.</summary>
    public static List<AttributeDefinition> WithExtractionAttributes(IEnumerable<AttributeDefinition> catalog)
    {
        var all = catalog.ToList();
        var ids = all.Select(a => a.Id).ToHashSet();
        all.AddRange(Attributes.Where(a => !ids.Contains(a.Id)));
        return all;
    }

    public static DocumentEntities Extract(CleanDocument document, IReadOnlyDictionary<string, AttributeDefinition> attributes)
    {
        var entities = new DocumentExtractor(CountryGazetteer.Default, attributes).Extract(document);
        var text = document.QuoteMatchingText;
        bool Quoted(string quote) => text.Contains(TextFolding.ForQuoteMatching(quote), StringComparison.Ordinal);
        foreach (var entity in entities)
        {
            if (entity.Summary.Length > 0 && !Quoted(entity.Summary))
                entity.Summary = "";
            entity.Facts.RemoveAll(f => !attributes.ContainsKey(f.Attribute) || !Quoted(f.Quote));
        }
        // An entity with nothing to show is no card.
        return new DocumentEntities(document.Name, entities.Where(e => e.Summary.Length > 0 || e.Facts.Count > 0).ToList());
    }

    private static List<AttributeDefinition> ReadAttributes()
    {
        const string name = "IomAssistant.Knowledge.Extraction.Data.attributes.yaml";
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream(name)
                           ?? throw new InvalidOperationException("the extraction attributes are not embedded");
        using var reader = new StreamReader(stream);
        return CatalogLoader.ParseCatalog(reader, "extraction attributes").Attributes;
    }
}
