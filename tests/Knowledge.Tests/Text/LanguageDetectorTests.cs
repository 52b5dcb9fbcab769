using IomAssistant.Knowledge.Text;

namespace IomAssistant.Knowledge.Tests.Words;

public class LanguageDetectorTests
{
    // Words the documents do not use, by the language a dictionary knows them in.
    private static (bool Spanish, bool Portuguese) OtherLanguage(string word) => word switch
    {
        "tematicas" or "estrategia" or "emergencias" => (true, true),
        "resposta" => (false, true),
        "respuesta" => (true, false),
        _ => (false, false),
    };

    [Theory]
    [InlineData("How many staff does the office have?", "en")]
    [InlineData("¿Cuántos funcionarios tiene la oficina?", "es")]
    [InlineData("Quantos funcionários tem o escritório?", "pt")]
    [InlineData("areas tematicas de la estrategia regional", "es")]
    [InlineData("resposta a emergencias oim", "pt")]
    [InlineData("respuesta a emergencias oim", "es")]
    // Words the documents use say nothing of the language: English stays the default.
    [InlineData("thematic areas strategy", "en")]
    [InlineData("emergency response", "en")]
    public void Tells_the_language_from_function_words_and_words_of_another_language(string question, string language) =>
        Assert.Equal(language, LanguageDetector.Detect(question, otherLanguage: OtherLanguage));

    [Fact]
    public void Without_other_evidence_the_locale_decides_and_english_is_the_default()
    {
        Assert.Equal("pt", LanguageDetector.Detect("OIM", "pt-BR"));
        Assert.Equal("en", LanguageDetector.Detect("OIM"));
    }
}
