namespace IomAssistant.Knowledge.Tests.Catalog;

public class KnowledgeBaseTests
{
    private const string Document = "Emergency Response\n\nIOM has been appointed as cluster lead agency for Camp Coordination and Camp Management.\n";

    private static string Catalog(string quote) => $$"""
        attributes:
          - id: cluster-lead
            label: { en: Cluster lead, es: Líder de clúster, pt: Líder de cluster }
            keywords: [lead, cluster]
        entities:
          - id: emergency-response
            kind: strategy
            names: { en: Emergency Response }
            document: brochure.txt
            summary: "IOM has been appointed as cluster lead agency"
            facts:
              - attribute: cluster-lead
                value: Cluster lead agency for CCCM
                quote: "{{quote}}"
        """;

    [Fact]
    public void The_repository_knowledge_loads_with_every_quote_found()
    {
        var knowledge = KnowledgeBase.Load(RepositoryKnowledge.KnowledgeFolder);
        Assert.Contains(knowledge.Documents, d => d.Name == "iom-ro-south-america.txt");
        Assert.True(knowledge.Entities.Count >= 40);
        Assert.Contains(knowledge.Entities, e => e.Home && e.Kind == "office");
        Assert.True(knowledge.Glossary.Terms.Count > 100);
    }

    [Fact]
    public void Loads_a_catalog_whose_quotes_are_in_the_cleaned_document()
    {
        using var folder = new TempFolder();
        folder.Write("brochure.txt", Document);
        folder.Write("catalog.yaml", Catalog("cluster lead agency for Camp Coordination and Camp Management"));
        var knowledge = KnowledgeBase.Load(folder.Path);
        Assert.Equal("Emergency Response", Assert.Single(knowledge.Entities).Title);
    }

    [Fact]
    public void A_folder_laid_out_as_a_mounted_kubernetes_config_map_loads_each_file_once()
    {
        // The kubelet writes the files into a hidden timestamped folder, points "..data" at it
        // and links each visible name through "..data", so updates swap atomically.
        using var folder = new TempFolder();
        var version = Directory.CreateDirectory(Path.Combine(folder.Path, "..2025_01_01_00_00_00.000000001"));
        File.WriteAllText(Path.Combine(version.FullName, "brochure.txt"), Document);
        File.WriteAllText(Path.Combine(version.FullName, "catalog.yaml"), Catalog("cluster lead agency for Camp Coordination and Camp Management"));
        Directory.CreateSymbolicLink(Path.Combine(folder.Path, "..data"), version.Name);
        File.CreateSymbolicLink(Path.Combine(folder.Path, "brochure.txt"), "..data/brochure.txt");
        File.CreateSymbolicLink(Path.Combine(folder.Path, "catalog.yaml"), "..data/catalog.yaml");

        var knowledge = KnowledgeBase.Load(folder.Path);

        Assert.Equal("brochure.txt", Assert.Single(knowledge.Documents).Name);
        Assert.Single(knowledge.Entities);
    }

    [Fact]
    public void A_quote_missing_from_its_document_fails_naming_file_entity_and_fact()
    {
        using var folder = new TempFolder();
        folder.Write("brochure.txt", Document);
        folder.Write("catalog.yaml", Catalog("cluster lead agency for refugee camps"));
        var error = Assert.Throws<KnowledgeException>(() => KnowledgeBase.Load(folder.Path));
        Assert.Contains("catalog.yaml", error.Message);
        Assert.Contains("emergency-response", error.Message);
        Assert.Contains("cluster-lead", error.Message);
        Assert.Contains("brochure.txt", error.Message);
    }

    [Fact]
    public void A_malformed_catalog_fails_with_its_file_and_line()
    {
        using var folder = new TempFolder();
        folder.Write("brochure.txt", Document);
        folder.Write("catalog.yaml", "attributes:\n  - id: staff\n    label: { en: Staff\nentities: [\n");
        var error = Assert.Throws<KnowledgeException>(() => KnowledgeBase.Load(folder.Path));
        Assert.Matches(@"catalog\.yaml, line \d+", error.Message);
    }

    [Fact]
    public void An_unknown_key_fails_with_its_line()
    {
        using var folder = new TempFolder();
        folder.Write("brochure.txt", Document);
        folder.Write("catalog.yaml", "attributes: []\nentities:\n  - id: x\n    colour: red\n");
        var error = Assert.Throws<KnowledgeException>(() => KnowledgeBase.Load(folder.Path));
        Assert.Contains("catalog.yaml, line 4", error.Message);
    }

    [Fact]
    public void A_fact_of_an_undefined_attribute_is_rejected()
    {
        using var folder = new TempFolder();
        folder.Write("brochure.txt", Document);
        folder.Write("catalog.yaml", Catalog("cluster lead agency").Replace("- attribute: cluster-lead", "- attribute: budget"));
        var error = Assert.Throws<KnowledgeException>(() => KnowledgeBase.Load(folder.Path));
        Assert.Contains("'budget'", error.Message);
    }

    [Fact]
    public void The_content_hash_changes_with_any_file()
    {
        using var folder = new TempFolder();
        folder.Write("brochure.txt", Document);
        var before = KnowledgeBase.Load(folder.Path).ContentHash;
        folder.Write("brochure.txt", Document + "More text.\n");
        Assert.NotEqual(before, KnowledgeBase.Load(folder.Path).ContentHash);
    }

    [Fact]
    public void The_assistants_welcome_and_examples_come_from_the_knowledge_in_each_language()
    {
        var knowledge = KnowledgeBase.Load(RepositoryKnowledge.KnowledgeFolder);
        foreach (var language in new[] { "en", "es", "pt" })
        {
            var greeting = knowledge.Assistant.In(language);
            Assert.NotEmpty(greeting.Examples);
            Assert.Contains("OIM", knowledge.Assistant.In("es").Title);
        }
        Assert.DoesNotContain(knowledge.Documents, d => d.Name == "assistant.yaml");
    }

    [Fact]
    public void Without_an_assistant_file_the_welcome_names_no_organization()
    {
        var folder = Directory.CreateTempSubdirectory("iom-plain-").FullName;
        File.WriteAllText(Path.Combine(folder, "a.txt"), "A short document about migration.");
        var greeting = KnowledgeBase.Load(folder).Assistant.In("en");
        Assert.DoesNotContain("IOM", greeting.Title + greeting.Welcome + greeting.Help);
        Assert.Empty(greeting.Examples);
    }

    [Fact]
    public void An_assistant_file_with_an_empty_example_is_rejected_naming_the_file()
    {
        var folder = Directory.CreateTempSubdirectory("iom-assistant-").FullName;
        File.WriteAllText(Path.Combine(folder, "a.txt"), "A short document about migration.");
        File.WriteAllText(Path.Combine(folder, "assistant.yaml"), "examples:\n  en:\n    - \"\"\n");
        var error = Assert.Throws<KnowledgeException>(() => KnowledgeBase.Load(folder));
        Assert.Contains("assistant.yaml", error.Message);
    }
}
