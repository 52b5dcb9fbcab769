using IomAssistant.Knowledge.Audiences;
using IomAssistant.Knowledge.Indexing;

namespace IomAssistant.Knowledge.Tests.Indexing;

public class KnowledgeIndexTests
{
    [Fact]
    public void Builds_once_and_reuses_the_index_while_the_knowledge_is_unchanged()
    {
        using var index = new TempFolder();
        var knowledge = KnowledgeBase.Load(RepositoryKnowledge.KnowledgeFolder);
        using (var first = KnowledgeIndex.Open(knowledge, index.Path))
            Assert.True(first.Built);
        using var second = KnowledgeIndex.Open(knowledge, index.Path);
        Assert.False(second.Built);
        Assert.NotEmpty(second.Search(["staff"], [], "", 5, Audience.Public));
    }

    [Fact]
    public void A_changed_document_is_updated_in_place_when_the_index_is_reopened()
    {
        using var knowledgeFolder = new TempFolder();
        using var index = new TempFolder();
        knowledgeFolder.Write("a.txt", "Emergency Response\n\nIOM coordinates the response to natural disasters.\n");
        knowledgeFolder.Write("b.txt", "Labour Migration\n\nIOM supports seasonal workers.\n");
        string folder;
        using (var first = KnowledgeIndex.Open(KnowledgeBase.Load(knowledgeFolder.Path), index.Path))
            folder = first.Folder;
        knowledgeFolder.Write("a.txt", "Emergency Response\n\nIOM leads camp coordination.\n");

        using var reopened = KnowledgeIndex.Open(KnowledgeBase.Load(knowledgeFolder.Path), index.Path);
        Assert.False(reopened.Built);
        Assert.Equal(1, reopened.DocumentsUpdatedAtOpen);
        Assert.Equal(folder, reopened.Folder);
        Assert.NotEmpty(reopened.Search(["camp"], [], "", 5, Audience.Public));
        Assert.Empty(reopened.Search(["disast"], [], "", 5, Audience.Public));
        Assert.Single(reopened.Search(["season"], [], "", 5, Audience.Public));
    }

    [Fact]
    public void The_lead_of_a_document_is_its_first_passage_also_after_an_update()
    {
        using var knowledgeFolder = new TempFolder();
        using var index = new TempFolder();
        knowledgeFolder.Write("a.txt", "Emergency Response\n\nIOM coordinates the response to natural disasters.\n\nShelter kits reach families.\n");
        knowledgeFolder.Write("b.txt", "Labour Migration\n\nIOM supports seasonal workers.\n");
        var knowledge = KnowledgeBase.Load(knowledgeFolder.Path);
        using var opened = KnowledgeIndex.Open(knowledge, index.Path);
        Assert.Contains("natural disasters", opened.LeadOf("a.txt")?.Text);

        knowledgeFolder.Write("a.txt", "Emergency Response\n\nIOM leads camp coordination.\n\nShelter kits reach families.\n");
        opened.Update(knowledge.WithDocumentsReread(knowledgeFolder.Path, ["a.txt"]));

        var lead = opened.LeadOf("a.txt");
        Assert.Equal(0, lead?.Position);
        Assert.Contains("camp coordination", lead?.Text);
        Assert.Contains("seasonal workers", opened.LeadOf("b.txt")?.Text);
        Assert.Null(opened.LeadOf("missing.txt"));
    }

    [Fact]
    public void A_passage_is_found_by_its_documents_title_under_a_heading_of_its_own()
    {
        using var knowledgeFolder = new TempFolder();
        using var index = new TempFolder();
        knowledgeFolder.Write("a.md", "# Residence Agreement\n\nCitizens may apply for a permit.\n\n## Implementation period\n\nIn force since 2009.\n");
        knowledgeFolder.Write("b.md", "# Labour Migration\n\nSeasonal workers arrived in 2009.\n");
        using var opened = KnowledgeIndex.Open(KnowledgeBase.Load(knowledgeFolder.Path), index.Path);

        var hit = opened.SearchPassages([[("agreement", 1f)], [("2009", 1f)]], 5, Audience.Public)[0];

        Assert.Equal("a.md", hit.Document);
        Assert.Equal("In force since 2009.", hit.Text);
    }

    [Fact]
    public void An_update_replaces_only_the_changed_documents_passages_and_is_searchable_at_once()
    {
        using var knowledgeFolder = new TempFolder();
        using var index = new TempFolder();
        knowledgeFolder.Write("a.txt", "Emergency Response\n\nIOM coordinates the response to natural disasters.\n");
        knowledgeFolder.Write("b.txt", "Labour Migration\n\nIOM supports seasonal workers.\n");
        var knowledge = KnowledgeBase.Load(knowledgeFolder.Path);
        using var opened = KnowledgeIndex.Open(knowledge, index.Path);

        knowledgeFolder.Write("a.txt", "Emergency Response\n\nIOM leads camp coordination.\n\nShelter kits reach families.\n");
        File.Delete(Path.Combine(knowledgeFolder.Path, "b.txt"));
        knowledgeFolder.Write("c.md", "# Health\n\nMobile clinics visit border towns.\n");
        var changed = knowledge.WithDocumentsReread(knowledgeFolder.Path, ["a.txt", "b.txt", "c.md"]);

        Assert.Equal(3, opened.Update(changed));
        Assert.Single(opened.Search(["camp"], [], "", 5, Audience.Public));
        Assert.Single(opened.Search(["shelter"], [], "", 5, Audience.Public));
        Assert.Single(opened.Search(["clinic"], [], "", 5, Audience.Public));
        Assert.Empty(opened.Search(["disast"], [], "", 5, Audience.Public));
        Assert.Empty(opened.Search(["season"], [], "", 5, Audience.Public));
        Assert.Equal(0, opened.Update(changed));
        Assert.Equal(changed.ContentHash, KnowledgeBase.Load(knowledgeFolder.Path).ContentHash);
    }

    [Fact]
    public void Terms_searched_before_an_update_find_what_the_update_added_and_not_what_it_removed()
    {
        using var knowledgeFolder = new TempFolder();
        using var index = new TempFolder();
        knowledgeFolder.Write("a.txt", "Emergency Response\n\nIOM coordinates the response to natural disasters.\n");
        var knowledge = KnowledgeBase.Load(knowledgeFolder.Path);
        using var opened = KnowledgeIndex.Open(knowledge, index.Path);
        IReadOnlyList<IReadOnlyList<(string, float)>> disasters = [[("disast", 1f)], [("respons", 1f)]];
        Assert.Single(opened.SearchPassages(disasters, 5, Audience.Public));
        Assert.Single(opened.Search(["disast"], [], "", 5, Audience.Public));

        knowledgeFolder.Write("a.txt", "Camps\n\nIOM leads camp coordination.\n");
        knowledgeFolder.Write("b.txt", "Floods\n\nDisasters displace families; the response is shelter.\n\nDisaster drills train towns.\n");
        opened.Update(knowledge.WithDocumentsReread(knowledgeFolder.Path, ["a.txt", "b.txt"]));

        var hits = opened.SearchPassages(disasters, 5, Audience.Public);
        Assert.Equal(2, hits.Count);
        Assert.All(hits, h => Assert.Equal("b.txt", h.Document));
        Assert.Equal(2, opened.Search(["disast"], [], "", 5, Audience.Public).Count);
    }

    [Fact]
    public void A_catalog_change_builds_a_new_index_and_removes_the_old_one()
    {
        using var knowledgeFolder = new TempFolder();
        using var index = new TempFolder();
        foreach (var file in Directory.GetFiles(RepositoryKnowledge.KnowledgeFolder))
            File.Copy(file, Path.Combine(knowledgeFolder.Path, Path.GetFileName(file)));
        string folder;
        using (var first = KnowledgeIndex.Open(KnowledgeBase.Load(knowledgeFolder.Path), index.Path))
            folder = first.Folder;
        File.AppendAllText(Path.Combine(knowledgeFolder.Path, "catalog.yaml"), "\n# reviewed\n");

        using var rebuilt = KnowledgeIndex.Open(KnowledgeBase.Load(knowledgeFolder.Path), index.Path);
        Assert.True(rebuilt.Built);
        Assert.NotEqual(folder, rebuilt.Folder);
        Assert.Equal(rebuilt.Folder, Assert.Single(Directory.GetDirectories(index.Path)));
    }

    [Fact]
    public void A_corrupt_index_is_rebuilt_from_the_knowledge()
    {
        using var index = new TempFolder();
        var knowledge = KnowledgeBase.Load(RepositoryKnowledge.KnowledgeFolder);
        string folder;
        using (var first = KnowledgeIndex.Open(knowledge, index.Path))
            folder = first.Folder;
        foreach (var file in Directory.GetFiles(folder).Where(f => !f.EndsWith("ready")))
            File.WriteAllText(file, "garbage");
        using var rebuilt = KnowledgeIndex.Open(knowledge, index.Path);
        Assert.True(rebuilt.Built);
        Assert.NotEmpty(rebuilt.Search(["staff"], [], "", 5, Audience.Public));
    }

    [Theory]
    [InlineData("C++ \"AND* ~ OR NOT (")]
    [InlineData("title:staff^10 AND [a TO z]")]
    [InlineData("")]
    public void Query_syntax_in_a_question_is_only_text(string raw)
    {
        using var index = new TempFolder();
        using var opened = KnowledgeIndex.Open(KnowledgeBase.Load(RepositoryKnowledge.KnowledgeFolder), index.Path);
        var hits = opened.Search(raw.Split(' '), raw.Split(' '), raw, 5, Audience.Public);
        Assert.NotNull(hits);
    }
}
