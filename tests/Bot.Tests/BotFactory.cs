using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace IomAssistant.Bot.Tests;

/// <summary>
/// The real app over the repository's real knowledge folder, with its index in a temporary
/// folder. Settings can be added per test class.
/// </summary>
public class BotFactory : WebApplicationFactory<Program>
{
    private readonly string _indexPath = Path.Combine(Path.GetTempPath(), "iom-bot-tests-" + Guid.NewGuid().ToString("N"));

    public static string RepositoryRoot { get; } = FindRoot();

    protected virtual IDictionary<string, string?> Settings => new Dictionary<string, string?>();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseContentRoot(RepositoryRoot);
        builder.UseSetting("Knowledge:Path", Path.Combine(RepositoryRoot, "knowledge"));
        builder.UseSetting("Knowledge:IndexPath", _indexPath);
        builder.UseSetting("Store:SqlitePath", Path.Combine(_indexPath + "-store", "assistant.db"));
        foreach (var (key, value) in Settings)
            builder.UseSetting(key, value);
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "IomAssistant.slnx")))
                return dir.FullName;
        throw new InvalidOperationException("Run the tests inside the repository.");
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        foreach (var folder in new[] { _indexPath, _indexPath + "-store" })
            try { Directory.Delete(folder, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
