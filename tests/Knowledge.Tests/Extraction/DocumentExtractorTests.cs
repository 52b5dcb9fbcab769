using IomAssistant.Knowledge.Catalog;
using IomAssistant.Knowledge.Extraction;
using IomAssistant.Knowledge.Ingestion;

namespace IomAssistant.Knowledge.Tests.Extraction;

public class DocumentExtractorTests
{
    private static IReadOnlyList<EntityDefinition> Extract(string text)
    {
        var attributes = KnowledgeExtraction.Attributes.ToDictionary(a => a.Id);
        return KnowledgeExtraction.Extract(DocumentReader.ReadMarkdown("page.md", text), attributes).Entities;
    }

    private static EntityDefinition Named(IReadOnlyList<EntityDefinition> entities, string name) =>
        Assert.Single(entities, e => e.Title == name);

    [Theory]
    // Offices: created, located.
    [InlineData("IOM Regional Office (RO) for South America was created on July 2011 and is located in Buenos Aires, Argentina.",
        "office", "IOM Regional Office (RO) for South America", "created", "July 2011", "created on July 2011")]
    [InlineData("IOM Regional Office (RO) for South America was created on July 2011 and is located in Buenos Aires, Argentina.",
        "office", "IOM Regional Office (RO) for South America", "location", "Buenos Aires, Argentina", "located in Buenos Aires, Argentina")]
    // Organizations by their acronym, dates of events.
    [InlineData("The International Organization for Migration (IOM) joined the United Nations on 19 September 2016.",
        "organization", "International Organization for Migration", "dates", "joined the United Nations on 19 September 2016", "joined the United Nations on 19 September 2016")]
    [InlineData("Geneva, 11 October 2016: On 19 September 2016, the International Organization for Migration (IOM) became a related agency to the United Nations.",
        "organization", "International Organization for Migration", "dates", "On 19 September 2016, the International Organization for Migration (IOM) became a related agency to the United Nations", "On 19 September 2016, the International Organization for Migration (IOM) became a related agency to the United Nations")]
    // Platforms and programmes with their acronyms, labelled figures.
    [InlineData("The Regional Inter-Agency Coordination Platform (R4V) comprises 17 countries that host refugees.",
        "topic", "Regional Inter-Agency Coordination Platform", "countries", "17", "17 countries")]
    [InlineData("The International Organization for Migration (IOM) has 162 member states and offices in over 100 countries.",
        "organization", "International Organization for Migration", "member-states", "162", "162 member states")]
    // A former name.
    [InlineData("The International Organization for Migration (IOM) was formerly the Intergovernmental Committee for European Migration.",
        "organization", "International Organization for Migration", "formerly", "Intergovernmental Committee for European Migration", "formerly the Intergovernmental Committee for European Migration")]
    [InlineData("The International Organization for Migration (IOM), or as it was first known, the Provisional Intergovernmental Committee for the Movement of Migrants from Europe, was born in 1951.",
        "organization", "International Organization for Migration", "formerly", "Provisional Intergovernmental Committee for the Movement of Migrants from Europe", "known, the Provisional Intergovernmental Committee for the Movement of Migrants from Europe")]
    public void Finds_the_entity_and_the_fact_a_sentence_states_with_its_quote(string text, string kind, string name, string attribute, string value, string quote)
    {
        var entity = Named(Extract(text), name);

        Assert.Equal(kind, entity.Kind);
        var fact = Assert.Single(entity.Facts, f => f.Attribute == attribute);
        Assert.Equal(value, fact.Value);
        Assert.Equal(quote, fact.Quote);
        Assert.Contains(fact.Quote, text);
    }

    [Theory]
    [InlineData("Buenos Aires regional office", true)]
    [InlineData("Buenos Aires office", true)]
    [InlineData("oficina de Buenos Aires", true)]
    [InlineData("escritório de Buenos Aires", true)]
    [InlineData("regional office", true)]
    // A regional office is not every office: alone, "office" names none.
    [InlineData("office", false)]
    [InlineData("oficina", false)]
    public void A_regional_office_goes_by_the_names_of_an_office_in_its_city(string alias, bool names)
    {
        var office = Named(Extract("IOM Regional Office (RO) for South America was created on July 2011 and is located in Buenos Aires, Argentina."), "IOM Regional Office (RO) for South America");

        Assert.Equal(names, office.Aliases.Contains(alias, StringComparer.OrdinalIgnoreCase));
    }

    private const string Offices = """
        IOM Regional Office (RO) for South America is located in Buenos Aires, Argentina.

        IOM currently has 9 regional offices (Bangkok, Buenos Aires, San Jose, and Vienna) and two administrative centers (Manila and Panama City).

        IOM missions in Guyana are coordinated by IOM Regional Office in San Jose, Costa Rica.
        """;

    [Theory]
    [InlineData("Regional Office in Vienna", "Vienna", "regional offices (Bangkok, Buenos Aires, San Jose, and Vienna)", "Vienna office")]
    [InlineData("Administrative Center in Panama City", "Panama City", "administrative centers (Manila and Panama City)", "Panama City administrative center")]
    [InlineData("Regional Office in San Jose", "San Jose, Costa Rica", "Regional Office in San Jose, Costa Rica", "oficina de San Jose")]
    public void Offices_a_sentence_places_in_cities_are_offices_known_by_their_city(string name, string location, string quote, string alias)
    {
        var office = Named(Extract(Offices), name);

        Assert.Equal("office", office.Kind);
        var fact = Assert.Single(office.Facts, f => f.Attribute == "location" && f.Value == location);
        Assert.Equal(quote, fact.Quote);
        Assert.Contains(alias, office.Aliases);
        // Only the document's own office is "the regional office".
        Assert.DoesNotContain("regional office", office.Aliases);
    }

    [Fact]
    public void A_listed_city_of_the_documents_own_office_is_that_office()
    {
        var entities = Extract(Offices);

        Assert.DoesNotContain(entities, e => e.Title == "Regional Office in Buenos Aires");
        Assert.Contains("regional office", Named(entities, "IOM Regional Office (RO) for South America").Aliases);
    }

    [Fact]
    public void An_acronym_never_spelled_out_is_described_by_the_sentence_that_says_what_it_is()
    {
        var entity = Named(Extract("""
            Furthermore, it supports all activities carried out by IOM missions in the region.

            Established in 1951, IOM is the leading inter-governmental organization in the field of migration.

            IOM is also dedicated to humane migration.
            """), "IOM");

        Assert.Equal("Established in 1951, IOM is the leading inter-governmental organization in the field of migration.", entity.Summary);
    }

    [Fact]
    public void A_quoted_name_takes_the_translation_the_document_gives_it()
    {
        var entity = Named(Extract("Relocation carried out by “Operation Welcome” (or in Portuguese, Operação Acolhida) continues to take Venezuelans to other districts in Brazil."), "Operation Welcome");

        Assert.Equal("Operação Acolhida", entity.Names["pt"]);
    }

    [Fact]
    public void A_table_row_read_as_one_sentence_is_no_summary_for_a_card()
    {
        var row = string.Join(" | ", Enumerable.Range(1, 30).Select(i => $"doc-{i}.txt, https://example.org/{i}, a source page, no licence stated"));
        var entity = Named(Extract($"The Regional Inter-Agency Coordination Platform (R4V) comprises 17 countries: {row}."), "Regional Inter-Agency Coordination Platform");

        Assert.Equal("", entity.Summary);
    }

    [Fact]
    public void Both_word_orders_of_a_name_are_one_entity()
    {
        var entities = Extract("The group met after the Quito Declaration was signed. The Declaration of Quito was renewed by the Quito Plan.");

        var declaration = Named(entities, "Quito Declaration");
        Assert.Contains("Declaration of Quito", declaration.Aliases);
        Assert.DoesNotContain(entities, e => e.Title == "Declaration of Quito");
    }

    [Fact]
    public void A_later_figure_of_the_action_a_programme_carries_out_is_the_programme_s()
    {
        var entities = Extract("""
            Relocation carried out by “Operation Welcome” continues to take Venezuelans to other districts in Brazil.

            Since the start of the pandemic, 500 Venezuelans per month have been relocated via commercial flights, with tickets purchased by IOM.

            In Belem, IOM supports a transit shelter whose capacity is for 66 people.
            """);

        var programme = Named(entities, "Operation Welcome");
        Assert.Contains(programme.Facts, f => f.Value == "500 Venezuelans per month");
        // A figure that shares no action with the programme is not its.
        Assert.DoesNotContain(programme.Facts, f => f.Value.Contains("66"));
    }

    [Theory]
    [InlineData("Migrants from Peru and Brazil arrive in Chile.", "Peru")]
    [InlineData("La OIM trabaja con los gobiernos de Perú y Brasil.", "Peru")]
    [InlineData("A OIM apoia os migrantes no Brasil e na Colômbia.", "Colombia")]
    public void Countries_are_found_by_their_English_Spanish_or_Portuguese_name_and_titled_in_English(string text, string country)
    {
        var entity = Named(Extract(text), country);

        Assert.Equal("country", entity.Kind);
    }

    [Fact]
    public void Dates_durations_and_shares_are_no_figures()
    {
        var entities = Extract("The International Organization for Migration (IOM) reported on 2 February that 19 per cent of migrants stayed 65 years.");

        Assert.DoesNotContain(entities.SelectMany(e => e.Facts), f => f.Value.Contains("February") || f.Value.Contains("per cent") || f.Value.Contains("years"));
    }

    [Fact]
    public void Every_fact_found_in_the_real_documents_quotes_its_document()
    {
        var attributes = KnowledgeExtraction.Attributes.ToDictionary(a => a.Id);
        var folders = new[] { RepositoryKnowledge.KnowledgeFolder, CorpusKnowledge.DocumentsFolder };
        var facts = 0;
        foreach (var path in folders.SelectMany(Directory.EnumerateFiles).Where(p => p.EndsWith(".txt")))
        {
            var document = DocumentReader.Read(path, Path.GetFileName(path));
            var text = Text.TextFolding.ForQuoteMatching(document.PlainText);
            foreach (var fact in KnowledgeExtraction.Extract(document, attributes).Entities.SelectMany(e => e.Facts))
            {
                facts++;
                Assert.Contains(Text.TextFolding.ForQuoteMatching(fact.Quote), text);
                Assert.Equal(document.Name, fact.Document);
            }
        }
        Assert.True(facts >= 30, $"only {facts} facts found");
    }

    [Fact]
    public void A_long_document_costs_bounded_work()
    {
        var sentence = "The Regional Inter-Agency Coordination Platform (R4V) comprises 17 countries. ";
        var entities = Extract(string.Concat(Enumerable.Repeat(sentence, 20_000)));

        Assert.True(entities.Count <= 60);
        Assert.All(entities, e => Assert.True(e.Facts.Count <= 8));
    }
}
