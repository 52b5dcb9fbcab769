namespace IomAssistant.Bot.Cli;

public static class CliCommands
{
    public static bool IsCliVerb(string[] args) => args.Length > 0 && args[0] is "ask" or "index";

    public static Task<int> RunAsync(string[] args) => Task.FromResult(0);
}
