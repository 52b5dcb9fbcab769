using System.Text;
using System.Text.Json;
using CsCheck;

namespace IomAssistant.Bot.Tests.Fuzz;

/// <summary>A request body as bytes, with the content type it claims.</summary>
public sealed record FuzzBody(byte[] Bytes, string ContentType)
{
    public override string ToString() =>
        $"{ContentType}, {Bytes.Length} bytes: {Encoding.UTF8.GetString(Bytes, 0, Math.Min(Bytes.Length, 300))}";
}

/// <summary>
/// Generators of hostile text, JSON and bytes: random and mutated JSON, wrong types, huge
/// strings, deep nesting, invalid UTF-8, control characters, Lucene query syntax, markup.
/// </summary>
public static class HostileInputs
{
    private static readonly string[] LuceneSyntax =
        ["AND", "OR", "NOT", "&&", "||", "*", "?", "~", "~0.5", "^4", "\"", "(", ")", "[", "]", "{", "}", "\\", "/", "+", "-", ":", "title:*",
         "C++", "a*b?c", "[a TO z]", "{* TO *}", "\"unterminated", "/regex.*/", "field:(a OR b)", "*:*", "\\u0000", "!!!"];

    private static readonly string[] Words =
        ["staff", "Guyana", "oficina", "regional", "projects", "how many", "¿Cuántos", "funcionários", "Perú", "climate", "IOM", "OIM",
         "Vienna", "who coordinates", "strategy", "and", "the", "of", "weather", "password", "help", "ayuda"];

    private static readonly string[] Markup =
        ["<at>BotName</at>", "<at>", "</at>", "<!channel>", "<!here|here>", "<@U123>", "<#C1|general>", "&amp;", "&#0;", "&lt;script&gt;",
         "<script>alert(1)</script>", "\u202e", "\u200b", "\ufeff", "\ud800", "\udfff", "😀", "\ud83d", "\0", "\r\n", "\t", "\u0085", "\u2028",
         "%00", "%ZZ", "+", "=", "&", "'; DROP TABLE unanswered;--"];

    public static readonly Gen<string> ControlText = Gen.String[Gen.Char['\0', '\u001f'], 1, 40];

    /// <summary>Text a user, a bot or an attacker might send as a question.</summary>
    public static readonly Gen<string> Text = Gen.Frequency(
        (4, Pick(Words).Array[1, 8].Select(w => string.Join(' ', w))),
        (3, Any(Pick(LuceneSyntax), Pick(Words)).Array[1, 12].Select(w => string.Join(' ', w))),
        (3, Any(Pick(Markup), Pick(Words), Pick(LuceneSyntax)).Array[1, 10].Select(string.Concat)),
        (3, Gen.String[0, 60]),
        (2, ControlText),
        (1, Gen.Char.Select(Gen.Int[1990, 2100], (c, n) => new string(c, n))),
        (1, Gen.Int[2001, 300_000].Select(n => new string('a', n))),
        (1, Gen.Const("")));

    private static readonly Gen<string> Scalar = Gen.Frequency(
        (6, Text.Select(Quote)),
        (1, Gen.Const("null")),
        (1, Gen.Bool.Select(b => b ? "true" : "false")),
        (1, Gen.Long.Select(n => n.ToString())),
        (1, Gen.Double.Select(d => double.IsFinite(d) ? d.ToString("R") : "1e308")),
        (1, Pick("1e999999", "-0", "0x10", "NaN", "\"\\ud800\"", "\"\\udc00\\ud800\"", "\"\\u0000\"", "\"\\x41\"")));

    /// <summary>Random JSON: any shape, nested a few levels.</summary>
    public static readonly Gen<string> Json = Gen.Recursive<string>((depth, self) => depth >= 4
        ? Scalar
        : Gen.Frequency(
            (4, Scalar),
            (1, self.Array[0, 5].Select(items => "[" + string.Join(",", items) + "]")),
            (2, Gen.Select(Any(Text, Pick("type", "text", "question", "value", "event", "user", "id", "actions", "context")), self)
                .Array[0, 5].Select(members => "{" + string.Join(",", members.Select(m => Quote(m.Item1) + ":" + m.Item2)) + "}"))));

    /// <summary>Nesting far past any parser's depth limit.</summary>
    public static readonly Gen<string> DeepNesting = Gen.Int[30, 5000].Select(Pick("[", "{\"a\":", "{\"question\":"), (n, open) =>
        string.Concat(Enumerable.Repeat(open, n)) + "1" + string.Concat(Enumerable.Repeat(open[0] == '[' ? "]" : "}", n)));

    /// <summary>A valid body mangled: bytes flipped, inserted (invalid UTF-8 among them), deleted, repeated.</summary>
    public static Gen<byte[]> Mutated(Gen<byte[]> valid) =>
        Gen.Select(valid, Gen.Int[1, 8], Gen.Int, (bytes, mutations, seed) => Mutate(bytes, mutations, new Random(seed)));

    public static readonly Gen<byte[]> RandomBytes = Gen.Frequency(
        (3, Gen.Byte.Array[0, 200]),
        (1, Pick<byte>(0xC0, 0xC1, 0xF5, 0xFF, 0xFE, 0x80, 0xED, 0xA0, 0x22, 0x7B, 0x7D).Array[1, 50]));

    public static readonly Gen<string> ContentType = Gen.Frequency(
        (8, Gen.Const("application/json")),
        (1, Pick("text/plain", "application/x-www-form-urlencoded", "application/json; charset=utf-16", "multipart/form-data; boundary=x", "")));

    /// <summary>One of the values.</summary>
    public static Gen<T> Pick<T>(params T[] values) => Gen.Int[0, values.Length - 1].Select(i => values[i]);

    /// <summary>From one of the generators, equally likely.</summary>
    public static Gen<T> Any<T>(params Gen<T>[] gens) => Gen.Frequency(gens.Select(g => (1, (IGen<T>)g)).ToArray());

    public static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);

    public static string Quote(string text) => JsonSerializer.Serialize(text);

    private static byte[] Mutate(byte[] bytes, int mutations, Random random)
    {
        var data = new List<byte>(bytes);
        for (var i = 0; i < mutations; i++)
        {
            var at = data.Count == 0 ? 0 : random.Next(data.Count);
            switch (random.Next(6))
            {
                case 0 when data.Count > 0:
                    data[at] = (byte)random.Next(256);
                    break;
                case 1:
                    data.Insert(at, (byte)random.Next(0x80, 0x100));
                    break;
                case 2 when data.Count > 0:
                    data.RemoveRange(at, Math.Min(data.Count - at, random.Next(1, 20)));
                    break;
                case 3 when data.Count > 0:
                    var length = Math.Min(data.Count - at, random.Next(1, 40));
                    data.InsertRange(at, data.GetRange(at, length));
                    break;
                case 4:
                    data.InsertRange(at, Encoding.UTF8.GetBytes(Pick(random, ["\"", "{", "[", "]", "}", ",", ":", "\\", "\\u", "null", "\0", "%", "&", "="])));
                    break;
                default:
                    data.InsertRange(at, Encoding.UTF8.GetBytes(Pick(random, ["\"\\ud800\"", "1e400", "[[[[[[[[", "\u0001", "<!channel>", "*:*"])));
                    break;
            }
        }
        return data.ToArray();
    }

    private static string Pick(Random random, string[] choices) => choices[random.Next(choices.Length)];
}
