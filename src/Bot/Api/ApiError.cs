namespace IomAssistant.Bot.Api;

/// <summary>
/// The body of every request the bot refuses itself (400, 404, 413, 429): {"error": "..."}, a
/// sentence saying what is wrong. The web page shows it as it is.
/// </summary>
public sealed record ApiError(string Error);
