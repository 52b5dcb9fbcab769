using IomAssistant.Knowledge.Audiences;

namespace IomAssistant.Knowledge.Tests.Audiences;

public sealed class AudienceRulesTests
{
    private static readonly AudienceRules Rules = new([
        new AudienceRule { Match = "internal/**", Audiences = ["staff"] },
        new AudienceRule { Match = "hr/*.md", Audiences = ["hr", "staff"] },
        new AudienceRule { Match = "**/draft-?.txt", Audiences = ["staff"] },
    ]);

    [Theory]
    [InlineData("internal/a.md", "staff")]
    [InlineData("internal/deep/er/b.pdf", "staff")]
    [InlineData("Internal/C.docx", "staff")]
    [InlineData("hr/pay.md", "hr,staff")]
    [InlineData("hr/deeper/pay.md", "everyone")]
    [InlineData("draft-1.txt", "staff")]
    [InlineData("reports/draft-2.txt", "staff")]
    [InlineData("reports/draft-22.txt", "everyone")]
    [InlineData("internal.md", "everyone")]
    [InlineData("iom-ro-south-america.txt", "everyone")]
    public void The_first_rule_a_path_matches_gives_its_audiences(string name, string expected) =>
        Assert.Equal(expected, string.Join(",", Rules.For(name, null).Order(StringComparer.Ordinal)));

    [Fact]
    public void Front_matter_gives_the_audiences_of_its_document() =>
        Assert.Equal(["board"], Rules.For("internal/a.md", ["board"]));

    [Theory]
    [InlineData("audiences:\n  - match: \"internal/**\"\n    audience: [staff]\n", "audiences.yaml, line 3")]
    [InlineData("audiences:\n  - match: \"internal/**\"\n    audiences: [staff\n", "audiences.yaml, line")]
    [InlineData("audiences:\n  - match: \"internal/**\"\n    audiences: []\n", "rule #1 ('internal/**') names no audiences")]
    [InlineData("audiences:\n  - audiences: [staff]\n", "rule #1 has no 'match'")]
    [InlineData("audiences:\n  - match: \"x/**\"\n    audiences: [Staff Team]\n", "'Staff Team' is not an audience name")]
    [InlineData("audiences:\n", "section 'audiences' is empty")]
    public void A_malformed_audiences_file_fails_naming_file_and_what_is_wrong(string yaml, string expected)
    {
        using var folder = new TempFolder();
        folder.Write("a.txt", "A short document about migration.");
        folder.Write("audiences.yaml", yaml);

        var error = Assert.Throws<KnowledgeException>(() => KnowledgeBase.Load(folder.Path));

        Assert.Contains(expected, error.Message);
    }

    [Theory]
    [InlineData("---\naudiences: [staff\n---\n# Title\n\nText.\n", "a.md, line")]
    [InlineData("---\naudiences: [\"Not valid\"]\n---\n# Title\n\nText.\n", "a.md: front matter 'audiences'")]
    public void Malformed_front_matter_fails_naming_the_document(string markdown, string expected)
    {
        using var folder = new TempFolder();
        folder.Write("a.md", markdown);

        var error = Assert.Throws<KnowledgeException>(() => KnowledgeBase.Load(folder.Path));

        Assert.Contains(expected, error.Message);
    }

    [Fact]
    public void Front_matter_without_audiences_leaves_the_document_to_the_rules_and_is_not_text()
    {
        using var folder = new TempFolder();
        folder.Write("a.md", "---\ntitle: Notes\n---\n# Notes\n\nA short document about migration.\n");

        var knowledge = KnowledgeBase.Load(folder.Path);

        Assert.Equal([Audience.Everyone], knowledge.AudiencesOf("a.md"));
        Assert.DoesNotContain("title", knowledge.Document("a.md")!.PlainText);
    }
}
