using System.Reflection;
using System.Security.Cryptography;

namespace IomAssistant.Bot.Web;

/// <summary>One file of the page, held in memory with its content type and validator.</summary>
public sealed record WebAsset(byte[] Content, string ContentType, string ETag);

/// <summary>
/// The page's HTML, script and styles, built from Web/client by the project build and embedded
/// in this assembly, so the app serves them itself wherever it runs: no CDN, no wwwroot to deploy.
/// </summary>
public sealed class WebAssets
{
    private const string ResourcePrefix = "web/";

    private static readonly Dictionary<string, string> ContentTypes = new(StringComparer.OrdinalIgnoreCase)
    {
        [".html"] = "text/html; charset=utf-8",
        [".js"] = "text/javascript; charset=utf-8",
        [".css"] = "text/css; charset=utf-8",
        [".svg"] = "image/svg+xml",
    };

    private readonly Dictionary<string, WebAsset> _assets;

    public WebAssets() : this(typeof(WebAssets).Assembly) { }

    public WebAssets(Assembly assembly)
    {
        _assets = new(StringComparer.Ordinal);
        foreach (var resource in assembly.GetManifestResourceNames().Where(n => n.StartsWith(ResourcePrefix, StringComparison.Ordinal)))
        {
            using var stream = assembly.GetManifestResourceStream(resource)!;
            using var buffer = new MemoryStream();
            stream.CopyTo(buffer);
            var content = buffer.ToArray();
            var name = resource[ResourcePrefix.Length..];
            var type = ContentTypes.GetValueOrDefault(Path.GetExtension(name), "application/octet-stream");
            _assets[name] = new WebAsset(content, type, $"\"{Convert.ToHexString(SHA256.HashData(content))[..32]}\"");
        }
        if (!_assets.ContainsKey(PageName))
            throw new InvalidOperationException("The web page was not built into the app: build src/Bot with Node.js and npm on the PATH.");
    }

    public const string PageName = "index.html";

    /// <summary>The asset by its exact file name; null for anything else (no file system is consulted).</summary>
    public WebAsset? Find(string name) => _assets.GetValueOrDefault(name);
}
