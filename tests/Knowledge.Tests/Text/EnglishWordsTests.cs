using System.Diagnostics;
using System.IO.Compression;
using System.Text;
using IomAssistant.Knowledge.Text;

namespace IomAssistant.Knowledge.Tests.Words;

public class EnglishWordsTests
{
    [Theory]
    [InlineData("sent", "send")]
    [InlineData("took", "take")]
    [InlineData("won", "win")]
    [InlineData("children", "child")]
    [InlineData("ran", "run")]
    public void An_irregular_form_has_its_lemma(string form, string lemma)
    {
        Assert.Equal(lemma, EnglishWords.Lemma(form));
        Assert.Contains(form, EnglishWords.Forms(lemma));
    }

    [Fact]
    public void A_form_with_several_lemmas_lists_the_verb_first()
    {
        Assert.Equal("good", EnglishWords.Lemma("better"));
        Assert.Contains("better", EnglishWords.Forms("well"));
        Assert.Equal("ax", EnglishWords.Lemma("axes"));
        Assert.Contains("axes", EnglishWords.Forms("axis"));
    }

    [Fact]
    public void Synonyms_come_from_the_first_senses()
    {
        Assert.Equal(["set up", "found"], EnglishWords.Synonyms("establish").Take(2));
        Assert.Contains("establish", EnglishWords.Synonyms("set up"));
        Assert.Contains("constituted", EnglishWords.Synonyms("established"));
        Assert.Contains("share", EnglishWords.Synonyms("percentage"));
        Assert.Contains("percentage", EnglishWords.Synonyms("share"));
        Assert.Contains("head", EnglishWords.Synonyms("chief"));
        Assert.All(new[] { "establish", "share", "chief", "child", "run" },
            w => Assert.InRange(EnglishWords.Synonyms(w).Count, 1, EnglishWords.MaxSynonyms));
    }

    [Fact]
    public void Light_verbs_neither_have_nor_are_synonyms()
    {
        Assert.Empty(EnglishWords.Synonyms("take"));
        Assert.Empty(EnglishWords.Synonyms("make"));
        Assert.DoesNotContain("get", EnglishWords.Synonyms("acquire"));
    }

    [Fact]
    public void Nouns_and_verbs_are_derivationally_related()
    {
        Assert.Contains("create", EnglishWords.Related("creation"));
        Assert.Contains("creation", EnglishWords.Related("create"));
        Assert.Contains("establish", EnglishWords.Related("establishment"));
        Assert.Contains("establishment", EnglishWords.Related("establish"));
        Assert.InRange(EnglishWords.Related("create").Count, 1, EnglishWords.MaxRelated);
    }

    [Theory]
    // An attribute and the adjectives that tell its values: "the strength of hurricanes" is
    // answered by "a strong Category 2", "How long is it?" by its length.
    [InlineData("strength", "strong")]
    [InlineData("length", "long")]
    [InlineData("deep", "depth")]
    [InlineData("height", "high")]
    // An adjective and the noun it pertains to: "urban growth" is about cities.
    [InlineData("urban", "city")]
    [InlineData("economic", "economy")]
    [InlineData("migratory", "migrate")]
    public void Attributes_adjectives_and_what_adjectives_pertain_to_are_related(string word, string related) =>
        Assert.Contains(related, EnglishWords.Related(word));

    [Theory]
    [InlineData("xqzwv")]
    [InlineData("")]
    [InlineData("Sent")]
    public void An_unknown_word_has_no_relations(string word)
    {
        Assert.Null(EnglishWords.Lemma(word));
        Assert.Empty(EnglishWords.Forms(word));
        Assert.Empty(EnglishWords.Synonyms(word));
        Assert.Empty(EnglishWords.Related(word));
    }

    [Fact]
    public void Malformed_lines_are_skipped_and_the_rest_is_read()
    {
        var tsv = "F\tsent\tsend\n"
            + "F\tno lemma\n"
            + "X\tsent\tsending\n"
            + "Fsent\tsend\n"
            + "F\tSENT\tsend\n"
            + "F\tw0n\twin\n"
            + "S\tbig\tlarge\t\tgreat\tB1g\t big\tbig\r\n"
            + "S\tset  up\testablish\n"
            + "D\tcreation\tcreate\n"
            + "D\tcreation\tcreator\tcreate\n"
            + "\n"
            + "S\ttiny\ta\tb\tc\td\te\tf\tg\th\n"
            + "F\tchildren\tchild";
        var bytes = Encoding.ASCII.GetBytes(tsv).Concat(new byte[] { (byte)'\n', (byte)'S', (byte)'\t', 0xff, 0xfe, (byte)'\t', (byte)'x', (byte)'\n' }).ToArray();
        var words = EnglishWords.Load(Gzip(bytes));

        Assert.Equal("send", words.Lemma("sent"));
        Assert.Equal(["sent"], words.Forms("send"));
        Assert.Equal("child", words.Lemma("children"));
        Assert.Null(words.Lemma("w0n"));
        Assert.Null(words.Lemma("no lemma"));
        Assert.Empty(words.Forms("sending"));
        Assert.Equal(["large", "great"], words.Synonyms("big"));
        Assert.Empty(words.Synonyms("set  up"));
        Assert.Empty(words.Synonyms("set up"));
        Assert.Equal(["create", "creator"], words.Related("creation"));
        Assert.Equal(EnglishWords.MaxSynonyms, words.Synonyms("tiny").Count);
    }

    [Fact]
    public void A_stream_that_is_not_gzip_is_rejected()
    {
        Assert.ThrowsAny<InvalidDataException>(() => EnglishWords.Load(new MemoryStream(Encoding.ASCII.GetBytes("F\tsent\tsend\n"))));
    }

    [Fact]
    public void The_shipped_table_loads_quickly_and_compactly()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        var before = GC.GetTotalMemory(forceFullCollection: true);
        var watch = Stopwatch.StartNew();
        using var stream = typeof(EnglishWords).Assembly.GetManifestResourceStream("IomAssistant.Knowledge.Text.Data.english-words.tsv.gz")!;
        var words = EnglishWords.Load(stream);
        watch.Stop();
        var bytes = GC.GetTotalMemory(forceFullCollection: true) - before;
        GC.KeepAlive(words);

        Assert.Equal("send", words.Lemma("sent"));
        Assert.True(bytes < 40L << 20, $"{bytes >> 20} MB retained");
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(3), $"{watch.ElapsedMilliseconds} ms");
    }

    private static MemoryStream Gzip(byte[] bytes)
    {
        var output = new MemoryStream();
        using (var gz = new GZipStream(output, CompressionLevel.Fastest, leaveOpen: true))
            gz.Write(bytes);
        output.Position = 0;
        return output;
    }
}
