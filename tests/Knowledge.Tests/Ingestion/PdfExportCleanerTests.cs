using IomAssistant.Knowledge.Ingestion;

namespace IomAssistant.Knowledge.Tests.Ingestion;

public class PdfExportCleanerTests
{
    private static List<string> Texts(CleanDocument doc) => doc.Sections.SelectMany(s => s.Blocks).Select(b => b.Text).ToList();

    [Fact]
    public void Rejoins_words_hyphenated_at_line_ends()
    {
        var doc = PdfExportCleaner.Clean("a.txt", "Policies and other areas concer-\nning migration and the most vulnera-\nble people.");
        Assert.Equal("Policies and other areas concerning migration and the most vulnerable people.", Assert.Single(Texts(doc)));
    }

    [Fact]
    public void Keeps_real_hyphenated_words_the_document_writes_elsewhere()
    {
        var doc = PdfExportCleaner.Clean("a.txt", "Patterns were intra-regional and extra-regional. Today intra-\nregional migration dominates.");
        Assert.Contains("Today intra-regional migration dominates.", Assert.Single(Texts(doc)));
    }

    // A word counts as written hyphenated when it is one of the text's hyphenated words read from
    // left to right: "state-of-the-art" holds "state-of" and "the-art", not "of-the".
    [Theory]
    [InlineData("Tools are state-of-the-art. We saw the-\nart here.", "We saw the-art here.")]
    [InlineData("Tools are state-of-the-art. We saw of-\nthe here.", "We saw ofthe here.")]
    [InlineData("A well-known fact. It is well-\nknown.", "It is well-known.")]
    [InlineData("A well -known fact. It is well-\nknown.", "It is wellknown.")]
    public void Keeps_a_hyphen_only_where_the_document_writes_that_word_hyphenated(string raw, string expected)
    {
        var doc = PdfExportCleaner.Clean("a.txt", raw);
        Assert.EndsWith(expected, Assert.Single(Texts(doc)));
    }

    [Fact]
    public void Joins_broken_lines_of_a_sentence_even_across_a_blank_line()
    {
        var doc = PdfExportCleaner.Clean("a.txt", "The office was created \non July 2011 and is located in the city of \n\nBuenos Aires and it was formerly a mission with regional functions for the Southern Cone of the\nAmericas.");
        Assert.Equal("The office was created on July 2011 and is located in the city of Buenos Aires and it was formerly a mission with regional functions for the Southern Cone of the Americas.", Assert.Single(Texts(doc)));
    }

    [Theory]
    [InlineData("515 Staff\n\n 9 Missions \nin the region\n\n169 Projects", new[] { "515 Staff", "9 Missions in the region", "169 Projects" })]
    [InlineData("515\nStaff\n\n169\nProjects", new[] { "515 Staff", "169 Projects" })]
    public void Keeps_each_figure_with_its_label(string raw, string[] expected)
    {
        var doc = PdfExportCleaner.Clean("a.txt", raw);
        Assert.Equal(expected, Texts(doc));
        Assert.All(doc.Sections.SelectMany(s => s.Blocks), b => Assert.Equal(BlockKind.Figure, b.Kind));
    }

    [Fact]
    public void Finds_headings_glued_to_the_text_that_follows()
    {
        var doc = PdfExportCleaner.Clean("a.txt", "IOM Worldwide\nEstablished in 1951, IOM is the leading inter-governmental organization in the field of \nmigration.\n\nEmergency Response \n\nIOM has the capacity to coordinate and provide immediate response.");
        Assert.Equal(["IOM Worldwide", "Emergency Response"], doc.Sections.Select(s => s.Title));
        Assert.StartsWith("Established in 1951", doc.Sections[0].Blocks[0].Text);
    }

    [Fact]
    public void A_short_statement_before_a_heading_is_not_a_heading()
    {
        var doc = PdfExportCleaner.Clean("a.txt", "Intro text that is long enough to be a paragraph of body text in this document.\n\nIOM is committed to the principle that humane and orderly migration benefits all\n\nIOM Worldwide\nEstablished in 1951, IOM is the leading organization.");
        Assert.Equal([CleanDocument.UntitledSection, "IOM Worldwide"], doc.Sections.Select(s => s.Title));
        Assert.Contains(doc.Sections[0].Blocks, b => b.Text.StartsWith("IOM is committed"));
    }

    [Fact]
    public void Reads_a_column_of_names_as_a_list_under_its_heading()
    {
        var doc = PdfExportCleaner.Clean("a.txt", " Member States and \nIOM Missions\n\nin South America\n\nArgentina\nBolivia\nBrazil\nChile\n");
        var section = Assert.Single(doc.Sections);
        Assert.Equal("Member States and IOM Missions in South America", section.Title);
        var list = Assert.Single(section.Blocks);
        Assert.Equal(BlockKind.List, list.Kind);
        Assert.Equal(["Argentina", "Bolivia", "Brazil", "Chile"], list.Items);
    }

    [Fact]
    public void Passages_carry_their_section_and_position()
    {
        var doc = PdfExportCleaner.Clean("brochure.txt", "First paragraph of the introduction, long enough to read as body text here.\n\nEmergency Response\n\nIOM coordinates the response.\n\nIOM cooperates with governments.");
        Assert.Equal(
            [("brochure.txt", CleanDocument.UntitledSection, 0), ("brochure.txt", "Emergency Response", 1), ("brochure.txt", "Emergency Response", 2)],
            doc.Passages.Select(p => (p.Document, p.Section, p.Position)));
    }

    [Theory]
    [InlineData("")]
    [InlineData("\n\n\n")]
    [InlineData("-\n-\n")]
    [InlineData("\u0000\u0001 binary \uFFFD junk")]
    public void Survives_empty_and_odd_input(string raw)
    {
        var doc = PdfExportCleaner.Clean("odd.txt", raw);
        Assert.NotNull(doc.PlainText);
    }

    [Fact]
    public void Cleans_the_real_brochure_into_its_sections()
    {
        var doc = DocumentReader.Read(Path.Combine(RepositoryKnowledge.KnowledgeFolder, "iom-ro-south-america.txt"), "iom-ro-south-america.txt");
        var titles = doc.Sections.Select(s => s.Title).ToList();
        Assert.Contains("IOM Worldwide", titles);
        Assert.Contains("Emergency Response", titles);
        Assert.Contains("Migration management, environment and climate change", titles);
        Assert.Contains("concerning migration", doc.PlainText);
        Assert.Contains("515 Staff", doc.PlainText);
        Assert.DoesNotContain("concer-", doc.PlainText);
    }

    [Fact]
    public void Wiki_and_markdown_heading_markup_makes_a_heading()
    {
        var doc = PdfExportCleaner.Clean("a.txt", "= Quito Process =\n\nThe Quito Process refers to a group of countries.\n\n== Quito Declaration ==\n\nEleven countries signed it.\n\n## Members\n\nThey meet often.");
        Assert.Equal(["Quito Process", "Quito Declaration", "Members"], doc.Sections.Select(s => s.Title));
        Assert.All(doc.Passages, p => Assert.DoesNotContain("=", p.Text));
    }

    [Fact]
    public void A_run_of_title_lines_before_the_body_is_one_heading()
    {
        var doc = PdfExportCleaner.Clean("a.txt", "Repository of Practices\n\nRegional Coordination Platform (R4V)\n\nSummary\n\nAs of August 2023, there are over 7.7 million refugees and migrants.");
        var section = Assert.Single(doc.Sections);
        Assert.Equal("Repository of Practices – Regional Coordination Platform (R4V) – Summary", section.Title);
        Assert.StartsWith("As of August 2023", Assert.Single(section.Blocks).Text);
    }
}
