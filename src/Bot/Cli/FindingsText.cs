using IomAssistant.Knowledge.Extraction;

namespace IomAssistant.Bot.Cli;

/// <summary>What extraction found, per document, as text a content owner reads before promoting it into the catalog.</summary>
public static class FindingsText
{
    public static void Write(IReadOnlyList<DocumentFindings> documents, TextWriter output)
    {
        output.WriteLine();
        output.WriteLine("found in the documents (every quote is the document's own text):");
        foreach (var document in documents)
        {
            output.WriteLine();
            output.WriteLine($"{document.Document}: {Count(document.Entities.Count, "entity", "entities")}, {Count(document.Entities.Sum(e => e.Facts.Count), "fact", "facts")}");
            foreach (var entity in document.Entities)
            {
                var card = entity.Curated ? $"adds to the catalog's card '{entity.CardTitle}' ({entity.Card})" : $"card '{entity.Card}'";
                output.WriteLine($"  {entity.Kind} \"{entity.Name}\": {card}");
                if (entity.Summary.Length > 0)
                    output.WriteLine($"    summary: \"{entity.Summary}\"");
                foreach (var fact in entity.Facts)
                    output.WriteLine($"    {fact.Label}: {fact.Value}  \"{fact.Quote}\"{(fact.Shown ? "" : "  (not on the card: it shows another fact for this)")}");
            }
        }
    }

    private static string Count(int n, string one, string many) => $"{n} {(n == 1 ? one : many)}";
}
