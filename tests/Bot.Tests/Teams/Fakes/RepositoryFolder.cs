namespace IomAssistant.Bot.Tests.Teams.Fakes;

public static class RepositoryFolder
{
    /// <summary>The repository root: the folder above the test binaries that holds IomAssistant.slnx.</summary>
    public static string Root { get; } = Find();

    private static string Find()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
            if (File.Exists(Path.Combine(folder.FullName, "IomAssistant.slnx")))
                return folder.FullName;
        throw new InvalidOperationException("the repository root (IomAssistant.slnx) is not above the test folder");
    }
}
