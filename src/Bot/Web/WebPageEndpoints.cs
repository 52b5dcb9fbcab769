using Microsoft.Net.Http.Headers;

namespace IomAssistant.Bot.Web;

/// <summary>The page's HTML for each view, and its script and styles.</summary>
public static class WebPageEndpoints
{
    public static IEndpointRouteBuilder MapWebPage(this IEndpointRouteBuilder app)
    {
        // One page; its script shows the view the address names.
        foreach (var path in new[] { "/", "/knowledge", "/source" })
            app.MapGet(path, (HttpContext http, WebAssets assets) => Serve(http, assets.Find(WebAssets.PageName)));
        app.MapGet("/assets/{name}", (HttpContext http, string name, WebAssets assets) => Serve(http, assets.Find(name)));
        return app;
    }

    private static IResult Serve(HttpContext http, WebAsset? asset)
    {
        if (asset is null)
            return Results.NotFound();
        // Revalidated on every load, so a new build is never hidden behind a cached old one.
        http.Response.Headers.CacheControl = "no-cache";
        var etag = new EntityTagHeaderValue(asset.ETag);
        return Results.Bytes(asset.Content, asset.ContentType, entityTag: etag);
    }
}
