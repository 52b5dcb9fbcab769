using System.Diagnostics;
using System.IO.Compression;
using System.Text;
using IomAssistant.Knowledge.Translation;

namespace IomAssistant.Knowledge.Tests.Translation;

public class BilingualDictionaryTests
{
    private static readonly BilingualDictionary Shared = BilingualDictionary.Shared;

    [Theory]
    [InlineData("es", "firmaron", "sign")]
    [InlineData("es", "firmo", "sign")]
    [InlineData("es", "residencia", "residence")]
    [InlineData("es", "cuantos", "how many")]
    [InlineData("es", "paises", "country")]
    [InlineData("es", "refugiados", "refugee")]
    [InlineData("es", "acuerdo", "agreement")]
    [InlineData("es", "registrarse", "register")]
    [InlineData("pt", "declaracao", "declaration")]
    [InlineData("pt", "residencia", "residence")]
    [InlineData("pt", "assinaram", "sign")]
    [InlineData("pt", "paises", "country")]
    [InlineData("pt", "quantos", "how many")]
    public void An_inflected_form_maps_to_its_English_lemma(string language, string word, string english)
    {
        var lemmas = Shared.Translate(language, word);
        Assert.Contains(english, lemmas);
        Assert.InRange(lemmas.Count, 1, BilingualDictionary.MaxLemmas);
        Assert.True(Shared.Knows(language, word));
    }

    [Fact]
    public void The_headquarters_reading_of_sede_comes_first()
    {
        Assert.Contains(Shared.Translate("es", "sede")[0], new[] { "headquarters", "seat" });
        Assert.Contains(Shared.Translate("pt", "sede")[0], new[] { "headquarters", "seat" });
    }

    [Fact]
    public void A_function_word_is_not_read_as_a_content_word_that_folds_alike()
    {
        Assert.DoesNotContain("envelope", Shared.Translate("es", "sobre"));
        Assert.Equal("under", Shared.Translate("es", "bajo")[0]);
    }

    [Theory]
    [InlineData("es", "xqzwv")]
    [InlineData("es", "")]
    [InlineData("pt", "zzzzyq")]
    [InlineData("fr", "maison")]
    public void An_unknown_word_or_language_has_no_translation(string language, string word)
    {
        Assert.Empty(Shared.Translate(language, word));
        Assert.False(Shared.Knows(language, word));
    }

    [Fact]
    public void Every_shipped_form_is_folded_and_listed_once_in_order()
    {
        foreach (var language in new[] { "es", "pt" })
        {
            var words = Shared.Words(language).ToList();
            Assert.True(words.Count > 100_000, $"{language}: {words.Count} forms");
            Assert.InRange(words.Count, Shared.Count(language) - 20_000, Shared.Count(language));
            Assert.DoesNotContain(words, w => w.Contains(' '));
            Assert.All(words.Take(5000), w => Assert.Equal(Text.TextFolding.Fold(w), w));
            for (var i = 1; i < words.Count; i++)
                Assert.True(string.CompareOrdinal(words[i - 1], words[i]) < 0, $"{words[i - 1]} before {words[i]}");
        }
    }

    [Fact]
    public void Malformed_lines_are_skipped_and_the_rest_is_read()
    {
        var tsv = "casa\thouse\thome\n"
            + "no tab here\n"
            + "\tempty form\n"
            + "vacio\t\t\n"
            + "dos palabras\ttwo\n"
            + "dos  espacios\ttwo\n"
            + " espacio\tspace\n"
            + "perro\tdog\t\tcanine\r\n"
            + "muchos\ta\tb\tc\td\te\tf\n"
            + "\n"
            + "gato\tcat\n";
        var dictionary = BilingualDictionary.Load("es", Gzip(Encoding.UTF8.GetBytes(tsv).Concat(new byte[] { 0xff, 0xfe, (byte)'\t', (byte)'x', (byte)'\n' }).ToArray()));

        Assert.Equal(["house", "home"], dictionary.Translate("es", "casa"));
        Assert.Equal(["dog", "canine"], dictionary.Translate("es", "perro"));
        Assert.Equal(["cat"], dictionary.Translate("es", "gato"));
        Assert.Equal(BilingualDictionary.MaxLemmas, dictionary.Translate("es", "muchos").Count);
        Assert.Empty(dictionary.Translate("es", "vacio"));
        Assert.Empty(dictionary.Translate("es", "no tab here"));
        Assert.Empty(dictionary.Translate("pt", "casa"));
        Assert.Equal(["casa", "gato", "muchos", "perro"], dictionary.Words("es"));
        // A multiword form is read, but is no word to correct a typo to.
        Assert.Equal(["two"], dictionary.Translate("es", "dos palabras"));
        Assert.Equal(1 << 2, dictionary.PhrasesAt("es", ["dos", "palabras", "casa"], 0, 4));
        Assert.Equal(0, dictionary.PhrasesAt("es", ["dos", "palabras", "casa"], 1, 4));
        Assert.Equal(0, dictionary.PhrasesAt("es", ["espacio"], 0, 4));
        Assert.Empty(dictionary.Translate("es", "dos  espacios"));
    }

    [Theory]
    [InlineData("es", "en el extranjero", "abroad")]
    [InlineData("es", "en vigor", "in force")]
    [InlineData("es", "por que", "why")]
    [InlineData("pt", "ao longo de", "along")]
    public void A_multiword_form_maps_to_what_it_says_as_a_whole(string language, string phrase, string english)
    {
        Assert.Equal(english, Shared.Translate(language, phrase)[0]);
        var words = phrase.Split(' ');
        Assert.NotEqual(0, Shared.PhrasesAt(language, [.. words, "y", "mas"], 0, 4) & (1 << words.Length));
    }

    [Fact]
    public void Unsorted_input_is_sorted_and_a_repeated_form_keeps_its_first_line()
    {
        var dictionary = BilingualDictionary.Load("pt", Gzip(Encoding.UTF8.GetBytes("sede\tseat\nacordo\tagreement\nsede\tthirst\nbarco\tboat\n")));

        Assert.Equal(["acordo", "barco", "sede"], dictionary.Words("pt"));
        Assert.Equal(["seat"], dictionary.Translate("pt", "sede"));
        Assert.Equal(["boat"], dictionary.Translate("pt", "barco"));
    }

    [Fact]
    public void A_stream_that_is_not_gzip_is_rejected()
    {
        Assert.ThrowsAny<InvalidDataException>(() => BilingualDictionary.Load("es", new MemoryStream(Encoding.UTF8.GetBytes("casa\thouse\n"))));
    }

    [Fact]
    public void Both_shipped_tables_load_quickly_and_compactly()
    {
        var resources = typeof(BilingualDictionary).Assembly;
        GC.Collect();
        GC.WaitForPendingFinalizers();
        var before = GC.GetTotalMemory(forceFullCollection: true);
        var watch = Stopwatch.StartNew();
        var tables = new List<BilingualDictionary>();
        foreach (var language in new[] { "es", "pt" })
        {
            using var stream = resources.GetManifestResourceStream($"IomAssistant.Knowledge.Translation.Data.{language}-en.tsv.gz")!;
            tables.Add(BilingualDictionary.Load(language, stream));
        }
        watch.Stop();
        var bytes = GC.GetTotalMemory(forceFullCollection: true) - before;
        GC.KeepAlive(tables);

        Assert.True(bytes < 60L << 20, $"{bytes >> 20} MB retained");
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(5), $"{watch.ElapsedMilliseconds} ms");
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
