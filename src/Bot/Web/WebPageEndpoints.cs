using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Net.Http.Headers;

namespace IomAssistant.Bot.Web;

/// <summary>The page's HTML for each view, and its script and styles.</summary>
public static class WebPageEndpoints
{
    public static IEndpointRouteBuilder MapWebPage(this IEndpointRouteBuilder app)
    {
        // One page; its script shows the view the address names.
        foreach (var path in new[] { "/", "/knowledge", "/source" })
            app.MapGet(path, (HttpResponse response, WebAssets assets) => Serve(response, assets.Find(WebAssets.PageName)));
        app.MapGet("/assets/{name}", (HttpResponse response, string name, WebAssets assets) => Serve(response, assets.Find(name)));
        return app;
    }

    private static Results<FileContentHttpResult, NotFound> Serve(HttpResponse response, WebAsset? asset)
    {
        if (asset is null)
            return TypedResults.NotFound();
        // Revalidated on every load, so a new build is never hidden behind a cached old one.
        response.Headers.CacheControl = "no-cache";
        return TypedResults.Bytes(asset.Content, asset.ContentType, entityTag: new EntityTagHeaderValue(asset.ETag));
    }
}
