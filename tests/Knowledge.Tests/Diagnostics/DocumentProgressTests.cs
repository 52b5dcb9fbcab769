using IomAssistant.Knowledge.Diagnostics;

namespace IomAssistant.Knowledge.Tests.Diagnostics;

public class DocumentProgressTests
{
    private sealed class Lines : IProgress<string>
    {
        public List<string> Reported { get; } = [];
        public void Report(string value)
        {
            lock (Reported)
                Reported.Add(value);
        }
    }

    [Fact]
    public void Names_each_document_of_a_small_knowledge_but_not_those_skipped()
    {
        var lines = new Lines();
        var progress = new DocumentProgress(lines, "read", 3);

        progress.Done("a.md");
        progress.Skipped();
        progress.Done("c.md");

        Assert.Equal(["read a.md", "read c.md"], lines.Reported);
    }

    [Fact]
    public void Reports_a_large_knowledge_by_tenths_skipped_documents_counted()
    {
        var lines = new Lines();
        var progress = new DocumentProgress(lines, "indexed", 1000);

        Parallel.For(0, 1000, i =>
        {
            if (i % 2 == 0) progress.Done($"{i}.md");
            else progress.Skipped();
        });

        Assert.Equal(10, lines.Reported.Count);
        Assert.Contains("indexed 1,000 of 1,000 documents", lines.Reported);
        Assert.All(lines.Reported, line => Assert.EndsWith(" of 1,000 documents", line));
    }
}
