using IomAssistant.Knowledge.Audiences;
using IomAssistant.Knowledge.Catalog;
using IomAssistant.Knowledge.Extraction;

namespace IomAssistant.Knowledge.Tests.Extraction;

public class ExtractionMergeTests
{
    private static readonly IReadOnlySet<string> Everyone = new HashSet<string> { Audience.Everyone };

    private static EntityDefinition Entity(string id, string name, string document, params (string Attribute, string Value)[] facts) => new()
    {
        Id = id,
        Kind = "country",
        Names = new Dictionary<string, string> { ["en"] = name },
        Document = document,
        Facts = facts.Select(f => new FactDefinition { Attribute = f.Attribute, Value = f.Value, Quote = f.Value, Document = document }).ToList(),
    };

    private static FactDefinition Curated(string attribute, string value) => new() { Attribute = attribute, Value = value, Quote = value };

    [Fact]
    public void The_same_entity_by_name_is_one_card_where_curated_facts_win_and_extracted_ones_add_with_their_document()
    {
        var curated = Entity("peru", "Peru", "brochure.txt");
        curated.Facts.Add(Curated("staff", "40"));
        var found = Entity("doc-peru", "Perú", "peru-page.txt", ("staff", "55"), ("figures", "704,746 households"));
        var cards = new List<string>();

        var merged = ExtractionMerge.Merge([curated], [new DocumentEntities("peru-page.txt", [found])], _ => Everyone, cards);

        var peru = Assert.Single(merged);
        Assert.Equal("peru", Assert.Single(cards));
        Assert.Equal("40", Assert.Single(peru.Facts, f => f.Attribute == "staff").Value);
        var added = Assert.Single(peru.Facts, f => f.Attribute == "figures");
        Assert.Equal("peru-page.txt", added.SourceIn(peru));
        // The catalog's entity given is not changed: the merge works on copies.
        Assert.Single(curated.Facts);
    }

    [Fact]
    public void A_richly_curated_card_still_takes_the_facts_it_lacks()
    {
        var curated = Entity("iom", "IOM", "brochure.txt");
        curated.Facts.AddRange(Enumerable.Range(0, 20).Select(i => Curated($"attribute-{i}", $"{i}")));
        var found = Entity("doc-iom", "IOM", "history.txt", ("formerly", "PICMME"));

        var merged = ExtractionMerge.Merge([curated], [new DocumentEntities("history.txt", [found])], _ => Everyone);

        Assert.Contains(Assert.Single(merged).Facts, f => f.Attribute == "formerly" && f.Value == "PICMME");
    }

    [Fact]
    public void An_entity_no_one_curated_is_a_card_of_its_own()
    {
        var found = Entity("doc-guyana", "Guyana", "guyana.txt", ("figures", "12 projects"));
        var cards = new List<string>();

        var merged = ExtractionMerge.Merge([Entity("peru", "Peru", "brochure.txt")], [new DocumentEntities("guyana.txt", [found])], _ => Everyone, cards);

        Assert.Equal(2, merged.Count);
        Assert.Equal("doc-guyana", Assert.Single(cards));
    }

    [Fact]
    public void A_restricted_document_adds_no_fact_to_a_public_card()
    {
        var found = Entity("doc-peru", "Peru", "staff-notes.txt", ("figures", "3 vehicles"));
        var staff = new HashSet<string> { "staff" };

        var merged = ExtractionMerge.Merge([Entity("peru", "Peru", "brochure.txt")], [new DocumentEntities("staff-notes.txt", [found])],
            document => document == "staff-notes.txt" ? staff : Everyone);

        Assert.Empty(Assert.Single(merged).Facts);
    }
}
