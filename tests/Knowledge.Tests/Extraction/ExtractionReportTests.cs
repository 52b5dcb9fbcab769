using IomAssistant.Knowledge.Audiences;
using IomAssistant.Knowledge.Extraction;

namespace IomAssistant.Knowledge.Tests.Extraction;

public class ExtractionReportTests(CorpusKnowledge corpus) : IClassFixture<CorpusKnowledge>
{
    [Fact]
    public void Lists_per_document_what_was_found_with_the_card_it_went_to_and_every_quote_in_its_document()
    {
        var report = ExtractionReport.For(corpus.Knowledge, corpus.Knowledge.AllAudiences);

        var peruPage = Assert.Single(report, d => d.Document == "iom-peru-country-page.txt");
        var peru = Assert.Single(peruPage.Entities, e => e.Name == "Peru");
        Assert.True(peru.Curated);
        Assert.Equal("peru", peru.Card);
        Assert.Contains(peru.Facts, f => f.Value == "2,038,107 Peruvians left" && f.Shown);

        var r4v = Assert.Single(report, d => d.Document.StartsWith("r4v")).Entities.First(e => e.Name.StartsWith("Regional Inter-Agency"));
        Assert.False(r4v.Curated);
        Assert.Equal("Countries", Assert.Single(r4v.Facts, f => f.Value == "17").Label);

        foreach (var document in report)
        {
            var text = Text.TextFolding.ForQuoteMatching(corpus.Knowledge.Document(document.Document)!.PlainText);
            Assert.All(document.Entities.SelectMany(e => e.Facts), f => Assert.Contains(Text.TextFolding.ForQuoteMatching(f.Quote), text));
        }
    }

    [Fact]
    public void A_curated_fact_that_wins_is_reported_as_not_shown()
    {
        var report = ExtractionReport.For(corpus.Knowledge, corpus.Knowledge.AllAudiences);

        var office = Assert.Single(report, d => d.Document == "iom-ro-south-america.txt").Entities.First(e => e.Kind == "office" && e.Curated);
        Assert.Contains(office.Facts, f => f.Attribute == "created" && !f.Shown);
    }

    [Fact]
    public void Reports_only_the_documents_the_asker_may_read()
    {
        using var staff = new Audiences.StaffKnowledge();
        var restricted = staff.Knowledge.Documents.Where(d => !staff.Knowledge.CanSee(new HashSet<string> { Audience.Everyone }, d.Name)).Select(d => d.Name).ToList();
        Assert.NotEmpty(restricted);

        var report = ExtractionReport.For(staff.Knowledge, new HashSet<string> { Audience.Everyone });

        Assert.DoesNotContain(report, d => restricted.Contains(d.Document));
        Assert.Contains(ExtractionReport.For(staff.Knowledge, staff.Knowledge.AllAudiences), d => restricted.Contains(d.Document));
    }
}
