using IomAssistant.Knowledge.Indexing;
using IomAssistant.Knowledge.Ingestion;

namespace IomAssistant.Knowledge.Tests.Indexing;

public class PassageVocabularyTests
{
    private static CleanDocument Document(string name, string markdown) => DocumentReader.ReadMarkdown(name, markdown);

    private static readonly CleanDocument Offices = Document("offices.md",
        "# Regional Offices\n\nThe office in Lima opened. Offices coordinate with Lima.\n\nAn office in Quito coordinates relocation.\n");
    private static readonly CleanDocument Perú = Document("peru.md", "# Perú\n\nIn Perú, the office in Lima counts migrants.\n");

    [Fact]
    public void Counts_the_passages_holding_each_word_and_stem_once_per_passage_heading_included()
    {
        var vocabulary = PassageVocabulary.Of([Offices, Perú]);

        Assert.Equal(3, vocabulary.Passages);
        // "office" and "offices" are one stem, said in every passage and in a heading.
        Assert.Equal(3, vocabulary.StemFrequency["offic"]);
        Assert.Equal(2, vocabulary.PassageWords["lima"]);
        // Folded: "Perú" is counted as "peru", in its passage with its heading.
        Assert.Equal(1, vocabulary.PassageWords["peru"]);
        Assert.False(vocabulary.StemFrequency.ContainsKey("the"));
    }

    [Fact]
    public void Votes_for_capitals_inside_sentences_only()
    {
        var vocabulary = PassageVocabulary.Of([Offices, Perú]);

        // "Lima" is written capitalized inside a sentence three times.
        Assert.Equal(3, vocabulary.CaseVotes["lima"]);
        // "office" is lower-case inside sentences; "Offices" and "An" open theirs and say nothing.
        Assert.True(vocabulary.CaseVotes["office"] < 0);
        Assert.False(vocabulary.CaseVotes.ContainsKey("an"));
    }

    [Fact]
    public void Taking_a_documents_passages_out_again_gives_the_vocabulary_without_it()
    {
        var both = PassageVocabulary.Of([Offices, Perú]);

        var without = both.With(Perú.Passages, []);

        var alone = PassageVocabulary.Of([Offices]);
        Assert.Equal(alone.Passages, without.Passages);
        Assert.Equal(alone.StemFrequency.OrderBy(e => e.Key), without.StemFrequency.OrderBy(e => e.Key));
        Assert.Equal(alone.PassageWords.OrderBy(e => e.Key), without.PassageWords.OrderBy(e => e.Key));
        Assert.Equal(alone.CaseVotes.OrderBy(e => e.Key), without.CaseVotes.OrderBy(e => e.Key));
        Assert.False(without.PassageWords.ContainsKey("peru"));
    }

    [Fact]
    public void Keeps_the_order_words_are_first_seen_in_document_order()
    {
        var vocabulary = PassageVocabulary.Of([Offices, Perú]);

        var words = vocabulary.PassageWords.Keys.ToList();
        Assert.True(words.IndexOf("lima") < words.IndexOf("quito"));
        Assert.True(words.IndexOf("quito") < words.IndexOf("peru"));
    }

    [Fact]
    public void Keeps_document_order_when_many_documents_are_counted_on_every_core()
    {
        // Each report introduces its own place name; counted on several cores, they must still
        // come in report order, as typo correction breaks ties by it.
        var names = Enumerable.Range(0, 400).Select(i => "place" + (char)('a' + i % 26) + (char)('a' + i / 26 % 26) + "x").ToList();
        var documents = names.Select((name, i) => Document($"report-{i:D3}.md", $"# Report\n\nThe office in {name} counts migrants.\n")).ToList();

        var vocabulary = PassageVocabulary.Of(documents);

        Assert.Equal(names, vocabulary.PassageWords.Keys.Where(w => w.StartsWith("place", StringComparison.Ordinal)).ToList());
        Assert.Equal(400, vocabulary.PassageWords["office"]);
        Assert.Equal(400, vocabulary.Passages);
    }
}
