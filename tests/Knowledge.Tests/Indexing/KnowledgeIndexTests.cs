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
        Assert.NotEmpty(second.Search(["staff"], [], "", 5));
    }

    [Fact]
    public void Rebuilds_when_the_knowledge_changes_and_removes_the_old_index()
    {
        using var knowledgeFolder = new TempFolder();
        using var index = new TempFolder();
        knowledgeFolder.Write("a.txt", "Emergency Response\n\nIOM coordinates the response to natural disasters.\n");
        using (KnowledgeIndex.Open(KnowledgeBase.Load(knowledgeFolder.Path), index.Path)) { }
        knowledgeFolder.Write("a.txt", "Emergency Response\n\nIOM leads camp coordination.\n");
        using var rebuilt = KnowledgeIndex.Open(KnowledgeBase.Load(knowledgeFolder.Path), index.Path);
        Assert.True(rebuilt.Built);
        Assert.Single(Directory.GetDirectories(index.Path));
        Assert.NotEmpty(rebuilt.Search(["camp"], [], "", 5));
        Assert.Empty(rebuilt.Search(["disast"], [], "", 5));
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
        Assert.NotEmpty(rebuilt.Search(["staff"], [], "", 5));
    }

    [Theory]
    [InlineData("C++ \"AND* ~ OR NOT (")]
    [InlineData("title:staff^10 AND [a TO z]")]
    [InlineData("")]
    public void Query_syntax_in_a_question_is_only_text(string raw)
    {
        using var index = new TempFolder();
        using var opened = KnowledgeIndex.Open(KnowledgeBase.Load(RepositoryKnowledge.KnowledgeFolder), index.Path);
        var hits = opened.Search(raw.Split(' '), raw.Split(' '), raw, 5);
        Assert.NotNull(hits);
    }
}
