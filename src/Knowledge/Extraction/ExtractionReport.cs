namespace IomAssistant.Knowledge.Extraction;

/// <summary>One fact extraction found, with the quote that states it and whether its card shows it.</summary>
/// <param name="Shown">False when a curated fact of the same attribute wins, or the card holds the same value already.</param>
public sealed record FoundFact(string Attribute, string Label, string Value, string Quote, bool Shown);

/// <summary>One entity extraction found in a document, and the card it is part of.</summary>
/// <param name="Card">The id of the card that shows it: a curated entity's when the catalog has it.</param>
/// <param name="Curated">Whether that card is the catalog's (extraction only adds facts to it).</param>
public sealed record FoundEntity(string Kind, string Name, string Summary, string Card, string CardTitle, bool Curated, IReadOnlyList<FoundFact> Facts);

public sealed record DocumentFindings(string Document, IReadOnlyList<FoundEntity> Entities);

/// <summary>
/// What extraction found, per document, for content owners: each entity with the card it went
/// to and each fact with its verbatim quote, so that they can correct a document or promote a
/// finding into <c>catalog.yaml</c>. Only facts whose quote is in their document were kept, so
/// nothing here is unquoted.
/// </summary>
public static class ExtractionReport
{
    /// <summary>
    /// Everything found, for whoever may read every document: built once per knowledge, filtered
    /// per asker. Labels are English, as content owners write the catalog.
    /// </summary>
    public static IReadOnlyList<DocumentFindings> All(KnowledgeBase knowledge)
    {
        var curated = knowledge.CatalogEntities.Select(e => e.Id).ToHashSet(StringComparer.Ordinal);
        return knowledge.Extracted
            .Select(d => new DocumentFindings(d.Document, d.Entities.Select((found, position) =>
            {
                var card = knowledge.CardOf(d.Document, position);
                var facts = found.Facts.Select(f => new FoundFact(
                    f.Attribute,
                    knowledge.Attributes.TryGetValue(f.Attribute, out var a) ? a.LabelIn("en") : f.Attribute,
                    f.Value,
                    f.Quote,
                    card.Facts.Any(c => c.Attribute == f.Attribute && c.Value == f.Value && c.Quote == f.Quote))).ToList();
                return new FoundEntity(found.Kind, found.Title, found.Summary, card.Id, card.Title, curated.Contains(card.Id), facts);
            }).ToList()))
            .ToList();
    }

    /// <param name="asker">Only the documents these audiences may read are reported.</param>
    public static IReadOnlyList<DocumentFindings> For(KnowledgeBase knowledge, IReadOnlySet<string> asker) =>
        knowledge.Findings.Where(d => knowledge.CanSee(asker, d.Document)).ToList();
}
