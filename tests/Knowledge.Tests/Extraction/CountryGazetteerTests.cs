using IomAssistant.Knowledge.Extraction;

namespace IomAssistant.Knowledge.Tests.Extraction;

public class CountryGazetteerTests
{
    // Names of one to several words, in the three languages, longest first; a name must start
    // and end with a capital.
    [Theory]
    [InlineData("Migrants reach Costa Rica and Peru.", new[] { "CR", "PE" })]
    [InlineData("Oficinas en Trinidad y Tobago y en Brasil.", new[] { "TT", "BR" })]
    [InlineData("La oficina de la República Dominicana.", new[] { "DO" })]
    [InlineData("A dish with chile and a costa rica coffee.", new string[0])]
    [InlineData("The Guinea Bissau mission and Guinea.", new[] { "GW", "GN" })]
    public void Finds_the_countries_a_text_names(string text, string[] codes)
    {
        var found = CountryGazetteer.Default.Find(Word.Split(text)).Select(c => c.Country.Code).ToArray();
        Assert.Equal(codes, found);
    }
}
